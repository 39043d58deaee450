package org.enterprisebrain.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.enterprisebrain.servers.demo.Multipart;
import org.enterprisebrain.servers.demo.TrainedModels;
import tools.jackson.databind.json.JsonMapper;

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
  static final String DEPLOYMENT_JSON = """
      {"id": "%s", "model": "%s", "alias": "champion", "entity": "telemetry", "plants": ["hz-01"],
       "equipment": "CNC-A0[1-5]", "threshold": 0.9,
       "bindings": [{"feature": "temperature", "signal": "spindle.temperature", "scale": 70},
                    {"feature": "vibration", "signal": "spindle.vibration", "scale": 5}]}""".formatted(DEPLOYMENT, NAME);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Tribuo logs every thousand SGD iterations: noise among brain up's lines. Held, as JUL keeps loggers weakly. */
  private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");
  private final Gateway gateway;

  public DemoModel(String gateway) {
    this.gateway = new Gateway(gateway);
  }

  /** Trains, registers, approves and deploys the model unless it is deployed already; says what it did. */
  public void deploy(String engineerToken, String adminToken, PrintStream out) throws IOException, InterruptedException {
    if (gateway.send("GET", "/api/v1/registry/deployments/" + DEPLOYMENT, engineerToken, null, null)
        .statusCode() == 200) {
      out.println("demo model: " + NAME + " is deployed as " + DEPLOYMENT + " already");
      return;
    }
    Gateway.expect(gateway.send("POST", "/api/v1/registry/models", engineerToken, "application/json",
        "{\"name\": \"" + NAME + "\", \"title\": \"主轴故障预测\", \"description\": \"demo: spindle failure from "
            + "temperature and vibration\"}"), 201, 409);
    HttpResponse<String> versions = gateway.send("GET", "/api/v1/registry/models/" + NAME + "/versions",
        engineerToken, null, null);
    Gateway.expect(versions, 200);
    if (JSON.readTree(versions.body()).isEmpty()) {
      TrainedModels.Trained trained;
      TRIBUO.setLevel(java.util.logging.Level.WARNING);
      try {
        trained = TrainedModels.spindleFailure(120, 1);
      } catch (Exception e) {
        throw new IOException("Tribuo could not train the demo model", e);
      }
      Multipart body = Multipart.modelVersion(trained.versionMetadata().getBytes(StandardCharsets.UTF_8),
          trained.onnx());
      Gateway.expect(gateway.send("POST", "/api/v1/registry/models/" + NAME + "/versions", engineerToken,
          body.contentType(), body.body()), 201);
      out.println("demo model: trained (Tribuo logistic regression, ONNX) and registered " + NAME + " v1");
    }
    HttpResponse<String> request = gateway.send("POST",
        "/api/v1/registry/models/" + NAME + "/aliases/champion/requests", engineerToken, "application/json",
        "{\"version\": 1}");
    Gateway.expect(request, 201);
    var asked = JSON.readTree(request.body());
    if (asked.path("status").asString().equals("pending")) {
      Gateway.expect(gateway.send("POST", "/api/v1/registry/alias-requests/" + asked.path("id").asLong()
          + "/decision", adminToken, "application/json",
          "{\"approve\": true, \"comment\": \"demo: approved by the admin\"}"), 200);
    }
    Gateway.expect(gateway.send("POST", "/api/v1/registry/deployments", engineerToken, "application/json",
        DEPLOYMENT_JSON), 201);
    out.println("demo model: " + NAME + " v1 approved as champion (engineer asked, admin approved) and deployed as "
        + DEPLOYMENT + " onto CNC-A01…A05's spindles");
  }
}
