package org.enterprisebrain.analytics.score;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model in onnxruntime, one row per call: the input is float[1][features]; the score is column
 * {@code outputIndex} of the output (a classifier's positive label) or its only value (a regressor).
 */
public final class OnnxScorer implements Scorer {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final String input;
  private final String output;
  private final int outputIndex;

  public OnnxScorer(byte[] model, String input, String output, int outputIndex) throws OrtException {
    // the task's own thread scores; onnxruntime's default pool would compete with the other tasks for cores.
    // The options live as long as the session and are closed after it: the one CI run whose test JVM exited
    // abnormally (after its tests passed) had them closed right after the session was created
    this.options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    this.session = env.createSession(model, options);
    this.input = input == null ? session.getInputNames().iterator().next() : input;
    this.output = output;
    this.outputIndex = outputIndex;
  }

  @Override
  public double score(float[] features, double[] state) throws OrtException {
    try (OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {features});
        OrtSession.Result r = session.run(Map.of(input, x), Set.of(output))) {
      Object value = r.get(0).getValue();
      if (value instanceof float[][] rows) {
        return rows[0][outputIndex];
      }
      return ((float[]) value)[0];
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
    options.close();
  }
}
