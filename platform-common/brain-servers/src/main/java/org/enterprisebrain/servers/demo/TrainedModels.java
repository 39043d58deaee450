package org.enterprisebrain.servers.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Real ONNX models made by the tests: Tribuo trains a logistic regression on synthetic spindle data
 * (temperature / 70 °C, vibration / 5 mm/s; "fail" when their product exceeds {@code boundary}) and exports it.
 * Feature names are alphabetical, which is Tribuo's column order in the exported graph.
 */
public final class TrainedModels {

  /** The exported file and the index of the "fail" column in its output. */
  public record Trained(byte[] onnx, int failIndex) {

    /** The registry's version metadata for this model: two telemetry features, the probability of "fail". */
    public String versionMetadata() {
      String labels = failIndex == 0 ? "[\"fail\", \"ok\"]" : "[\"ok\", \"fail\"]";
      return "{\"kind\": \"onnx\", \"description\": \"logistic regression, Tribuo 4.3\","
          + " \"features\": [{\"name\": \"temperature\", \"entity\": \"telemetry\", \"field\": \"value\"},"
          + " {\"name\": \"vibration\", \"entity\": \"telemetry\", \"field\": \"value\"}],"
          + " \"output\": {\"tensor\": \"output\", \"labels\": " + labels + ", \"positive\": \"fail\"},"
          + " \"trainedOn\": [{\"entity\": \"telemetry\", \"field\": \"value\", \"grade\": \"L2\"}]}";
    }
  }

  private TrainedModels() {
  }

  public static Trained spindleFailure(double boundary, long seed) throws Exception {
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic spindle", labels), labels);
    Random rnd = new Random(seed);
    String[] names = {"temperature", "vibration"};
    for (int i = 0; i < 2000; i++) {
      double t = 20 + rnd.nextDouble() * 50;
      double v = 0.5 + rnd.nextDouble() * 4.5;
      data.add(new ArrayExample<>(new Label(t * v > boundary ? "fail" : "ok"), names, new double[] {t / 70, v / 5}));
    }
    LinearSGDModel model = new LogisticRegressionTrainer().train(data);
    Path file = Files.createTempFile("spindle-", ".onnx");
    try {
      model.saveONNXModel("org.enterprisebrain.test", 1, file);
      return new Trained(Files.readAllBytes(file), model.getOutputIDInfo().getID(new Label("fail")));
    } finally {
      Files.delete(file);
    }
  }
}
