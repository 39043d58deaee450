package org.enterprisebrain.analytics.service.oee;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.enterprisebrain.analytics.model.SettingsScope;
import org.enterprisebrain.analytics.service.api.model.Routing;
import org.enterprisebrain.analytics.service.api.model.RoutingOperation;
import org.enterprisebrain.analytics.service.api.model.RoutingVersion;
import org.enterprisebrain.analytics.service.results.ResultStore;
import org.enterprisebrain.analytics.service.settings.SettingsVersions;
import org.enterprisebrain.messages.RoutingVersionOperationsInner;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Versions of a product's routing ({@link SettingsVersions}): the ideal cycle time of each of its operations,
 * checked, kept in {@code <prefix>routings} with who, when and why, and sent on the compacted routings topic,
 * where the OEE job reads it as a broadcast stream and counts each operation report's units by it.
 */
@Service
public class RoutingService {

  static final String INDEX = "routings";
  /** As the data standard's identifiers (no space at either end), without the scope separator. */
  private static final Pattern PRODUCT = Pattern.compile("^[^\\s\\u00a0\\u3000|](?:[^|]{0,62}[^\\s\\u00a0\\u3000|])?$");
  private static final Pattern OPERATION = Pattern.compile("^[^\\s|]{1,32}$");
  private static final int MOST_OPERATIONS = 200;
  private static final double LONGEST_CYCLE_SECONDS = 86_400;

  private final SettingsVersions versions;

  public RoutingService(ResultStore store, KafkaTemplate<String, String> kafka,
      @Value("${brain.analytics.routings-topic}") String topic) {
    this.versions = new SettingsVersions(store, kafka, topic, INDEX, "the product's routing", "scope");
  }


  public RoutingVersion change(Routing change) {
    String plant = SettingsVersions.plant(change.getPlant());
    String product = product(change.getProduct());
    String reason = SettingsVersions.reason(change.getReason());
    List<RoutingVersionOperationsInner> operations = operations(change.getOperations());
    return ResultStore.JSON.convertValue(versions.record(SettingsScope.routing(plant, product),
        v -> new org.enterprisebrain.messages.RoutingVersion(plant, product, operations, v.version(), v.effectiveFrom(),
            v.reason(), v.changedAt(), v.changedBy()), versions.effectiveFrom(change.getEffectiveFrom()), reason),
        RoutingVersion.class);
  }

  public List<RoutingVersion> history(String plant, String product) {
    return versions.history(SettingsScope.routing(SettingsVersions.plant(plant), product(product))).stream()
        .map(d -> ResultStore.JSON.convertValue(d, RoutingVersion.class)).toList();
  }

  private static String product(String product) {
    if (product == null || !PRODUCT.matcher(product).matches()) {
      throw ProblemException.badRequest("product", "the product's materialId (1 to 64 characters, no space at either "
          + "end, no |), was " + product);
    }
    return product;
  }

  private static List<RoutingVersionOperationsInner> operations(List<RoutingOperation> operations) {
    if (operations == null || operations.isEmpty() || operations.size() > MOST_OPERATIONS) {
      throw ProblemException.badRequest("operations", "1 to " + MOST_OPERATIONS + " operations with their ideal cycle time");
    }
    List<RoutingVersionOperationsInner> out = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (int i = 0; i < operations.size(); i++) {
      RoutingOperation o = operations.get(i);
      String at = "operations/" + i;
      if (o.getOperation() == null || !OPERATION.matcher(o.getOperation()).matches()) {
        throw ProblemException.badRequest(at + "/operation", "the operation as reports carry it (0020; 1 to 32 "
            + "characters, no space, no |), was " + o.getOperation());
      }
      if (!named.add(o.getOperation())) {
        throw ProblemException.badRequest(at + "/operation", "operation " + o.getOperation() + " is listed twice");
      }
      Double seconds = o.getIdealCycleSeconds();
      if (seconds == null || !Double.isFinite(seconds) || seconds <= 0 || seconds > LONGEST_CYCLE_SECONDS) {
        throw ProblemException.badRequest(at + "/idealCycleSeconds", "seconds per unit, more than 0 and at most "
            + (long) LONGEST_CYCLE_SECONDS + ", was " + seconds);
      }
      out.add(new RoutingVersionOperationsInner(o.getOperation(), seconds));
    }
    return out;
  }
}
