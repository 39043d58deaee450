package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.enterprisebrain.client.ApiClient;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.registry.api.AliasesApi;
import org.enterprisebrain.client.registry.api.DeploymentsApi;
import org.enterprisebrain.client.registry.api.ModelsApi;
import org.enterprisebrain.client.registry.model.AliasDecision;
import org.enterprisebrain.client.registry.model.AliasRequest;
import org.enterprisebrain.client.registry.model.FeatureBinding;
import org.enterprisebrain.client.registry.model.NewAliasRequest;
import org.enterprisebrain.client.registry.model.NewDeployment;
import org.enterprisebrain.client.registry.model.NewModel;
import org.enterprisebrain.servers.demo.Multipart;
import org.enterprisebrain.servers.demo.TrainedModels;
import org.enterprisebrain.standard.ApiSpec;

/**
 * The demo plant's predictive model (guideline 5.4.2.3 c: 设备故障预测), put into the live stream the way a
 * plant does it, through the gateway: the engineer trains a spindle-failure classifier (Tribuo logistic
 * regression on temperature and vibration, exported as ONNX), registers it, asks for it as champion; the admin
 * approves (four eyes); the engineer deploys the champion onto the CNC spindles' telemetry. The score job then
 * scores the demo's machines, and the assessment finds the model and its scores as evidence.
 *
 * <p>Run again on a platform that has it (a second {@code brain up} on the same data), it finds the model and
 * the deployment and changes nothing.
 */
public final class DemoModel {

  public static final String NAME = "spindle-failure";
  public static final String DEPLOYMENT = "spindle-cnc";

  /** Tribuo logs every thousand SGD iterations: noise among brain up's lines. Held, as JUL keeps loggers weakly. */
  private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");
  private final String gateway;

  public DemoModel(String gateway) {
    this.gateway = gateway;
  }

  static NewDeployment deployment() {
    return new NewDeployment().id(DEPLOYMENT).model(NAME).alias("champion").entity(NewDeployment.EntityEnum.TELEMETRY)
        .plants(List.of(DemoSettings.PLANT)).equipment("CNC-A0[1-5]").threshold(0.9)
        .bindings(List.of(new FeatureBinding().feature("temperature").signal("spindle.temperature").scale(70d),
            new FeatureBinding().feature("vibration").signal("spindle.vibration").scale(5d)));
  }

  /** Trains, registers, approves and deploys the model unless it is deployed already; says what it did. */
  public void deploy(String engineerToken, String adminToken, PrintStream out)
      throws ApiException, IOException, InterruptedException {
    ApiClient engineer = Gateway.client(gateway, engineerToken);
    DeploymentsApi deployments = new DeploymentsApi(engineer);
    if (Gateway.found(() -> deployments.getDeployment(DEPLOYMENT))) {
      out.println("demo model: " + NAME + " is deployed as " + DEPLOYMENT + " already");
      return;
    }
    ModelsApi models = new ModelsApi(engineer);
    if (!Gateway.found(() -> models.getModel(NAME))) {
      models.createModel(new NewModel().name(NAME).title("主轴故障预测")
          .description("demo: spindle failure from temperature and vibration"));
    }
    if (models.listVersions(NAME).isEmpty()) {
      TrainedModels.Trained trained;
      TRIBUO.setLevel(java.util.logging.Level.WARNING);
      try {
        trained = TrainedModels.spindleFailure(120, 1);
      } catch (Exception e) {
        throw new IOException("Tribuo could not train the demo model", e);
      }
      register(engineer, trained);
      out.println("demo model: trained (Tribuo logistic regression, ONNX) and registered " + NAME + " v1");
    }
    AliasRequest asked = new AliasesApi(engineer).requestAlias(NAME, "champion", new NewAliasRequest().version(1));
    if (asked.getStatus() == AliasRequest.StatusEnum.PENDING) {
      new AliasesApi(Gateway.client(gateway, adminToken)).decideAliasRequest(asked.getId(),
          new AliasDecision().approve(true).comment("demo: approved by the admin"));
    }
    deployments.createDeployment(deployment());
    out.println("demo model: " + NAME + " v1 approved as champion (engineer asked, admin approved) and deployed as "
        + DEPLOYMENT + " onto CNC-A01…A05's spindles");
  }

  /**
   * The version's upload by hand: the generated client sends a multipart JSON part as the model's
   * {@code toString()} in text/plain (openapi-generator's native library), which the registry rightly refuses.
   */
  private static void register(ApiClient client, TrainedModels.Trained trained)
      throws IOException, InterruptedException, ApiException {
    Multipart body = Multipart.modelVersion(trained.versionMetadata().getBytes(StandardCharsets.UTF_8),
        trained.onnx());
    URI versions = URI.create(client.getBaseUri() + ApiSpec.load("registry").path("createVersion", NAME));
    HttpRequest.Builder request = HttpRequest.newBuilder(versions).timeout(Duration.ofSeconds(60))
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()));
    client.getRequestInterceptor().accept(request);
    HttpResponse<String> registered = client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (registered.statusCode() != 201) {
      throw new ApiException(registered.statusCode(), "createVersion answered " + registered.statusCode(),
          registered.headers(), registered.body());
    }
  }
}
