package org.enterprisebrain.analytics.service.results;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a query selects: a time range, the plants the caller may see (all it may, or the one it asked for)
 * and exact-match filters. Builds the Elasticsearch bool query.
 */
public final class Selection {

  public static final int MAX_SIZE = 5000;
  private static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  private final OffsetDateTime from;
  private final OffsetDateTime to;
  private final List<String> plants;
  private final ObjectNode bool = ResultStore.JSON.createObjectNode();

  private Selection(OffsetDateTime from, OffsetDateTime to, List<String> plants) {
    this.from = from;
    this.to = to;
    this.plants = plants;
  }

  /** Checks range and plant scope; {@code plant} null means every plant of the caller's {@code plants} claim. */
  public static Selection of(String plant, OffsetDateTime from, OffsetDateTime to) {
    OffsetDateTime end = to == null ? OffsetDateTime.now(ZoneOffset.UTC) : to;
    OffsetDateTime start = from == null ? end.minus(DEFAULT_SPAN) : from;
    if (!start.isBefore(end)) {
      throw ProblemException.badRequest("from", "from (" + start + ") must be before to (" + end + ")");
    }
    BrainPrincipal caller = Callers.current();
    List<String> plants;
    if (plant != null) {
      if (!plant.matches("[a-z0-9-]+")) {
        throw ProblemException.badRequest("plant", "'" + plant + "' is not a plant code (lower case, digits, -)");
      }
      if (!caller.mayActForPlant(plant)) {
        throw ProblemException.forbidden("plant", "you may not see plant '" + plant + "'");
      }
      plants = List.of(plant);
    } else {
      plants = caller.plants().contains(BrainPrincipal.ANY) ? null : List.copyOf(caller.plants());
    }
    return new Selection(start, end, plants);
  }

  public static int size(Integer size) {
    if (size == null) {
      return 500;
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ProblemException.badRequest("size", "size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    return size;
  }

  /** Checks an enumerated parameter: null passes, anything else must be one of {@code allowed}. */
  public static String oneOf(String field, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw ProblemException.badRequest(field, "'" + value + "' is not one of " + allowed);
    }
    return value;
  }

  /** Adds an exact-match filter; null values filter nothing. */
  public Selection where(String field, String value) {
    if (value != null) {
      filters().addObject().putObject("term").put(field, value);
    }
    return this;
  }

  /** Adds an exact-match filter, or for null: only documents without the field (a chart that names no machine). */
  public Selection whereOrAbsent(String field, String value) {
    if (value != null) {
      return where(field, value);
    }
    ArrayNode mustNot = bool.has("must_not") ? (ArrayNode) bool.get("must_not") : bool.putArray("must_not");
    mustNot.addObject().putObject("exists").put("field", field);
    return this;
  }

  public Selection whereAny(String field, List<String> values) {
    ArrayNode terms = filters().addObject().putObject("terms").putArray(field);
    values.forEach(terms::add);
    return this;
  }

  /** The query: the filters, the plants, and {@code timeField} within [from, to). */
  public ObjectNode query(String timeField) {
    if (plants != null) {
      whereAny("plant", plants);
    }
    filters().addObject().putObject("range").putObject(timeField).put("gte", from.toInstant().toString())
        .put("lt", to.toInstant().toString());
    ObjectNode query = ResultStore.JSON.createObjectNode();
    query.set("bool", bool);
    return query;
  }

  public OffsetDateTime from() {
    return from;
  }

  public OffsetDateTime to() {
    return to;
  }

  private ArrayNode filters() {
    return bool.has("filter") ? (ArrayNode) bool.get("filter") : bool.putArray("filter");
  }
}
