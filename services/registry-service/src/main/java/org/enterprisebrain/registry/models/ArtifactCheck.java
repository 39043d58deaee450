package org.enterprisebrain.registry.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import org.enterprisebrain.registry.api.model.NewModelVersion;
import org.enterprisebrain.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Loads an ONNX artifact with the same runtime the scoring job uses and runs it once on a row of zeros, so a
 * version that is registered can be scored: a corrupt file, a second input, a feature count or an output
 * width that does not match what the version declares are refused here, naming the part at fault.
 */
@Component
public class ArtifactCheck {

  /** What the scoring job needs to know about the graph besides the declared features. */
  public record Inspected(String inputTensor, int outputWidth) {
  }

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();

  public Inspected inspect(byte[] onnx, NewModelVersion v) {
    int features = v.getFeatures().size();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnx, options)) {
      if (session.getInputInfo().size() != 1) {
        throw ProblemException.badRequest("artifact", "the model has " + session.getInputInfo().size()
            + " inputs " + session.getInputInfo().keySet() + "; one float tensor [rows, features] is supported");
      }
      Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
      if (!(input.getValue().getInfo() instanceof TensorInfo t) || t.getShape().length != 2) {
        throw ProblemException.badRequest("artifact", "input '" + input.getKey() + "' is not a 2-dimensional tensor");
      }
      long width = t.getShape()[1];
      if (width >= 0 && width != features) {
        throw ProblemException.badRequest("metadata.features", "the model's input '" + input.getKey() + "' takes "
            + width + " features, the version declares " + features);
      }
      String output = v.getOutput().getTensor();
      if (!session.getOutputInfo().containsKey(output)) {
        throw ProblemException.badRequest("metadata.output.tensor", "the model has no output '" + output
            + "'; its outputs are " + session.getOutputInfo().keySet());
      }
      try (OnnxTensor zeros = OnnxTensor.createTensor(env, new float[1][features]);
          OrtSession.Result result = session.run(Map.of(input.getKey(), zeros), java.util.Set.of(output))) {
        Object value = result.get(0).getValue();
        int outputWidth = value instanceof float[][] rows ? rows[0].length
            : value instanceof float[] row ? 1 : -1;
        if (outputWidth < 0) {
          throw ProblemException.badRequest("metadata.output.tensor", "output '" + output
              + "' is not a float tensor; scores must be float[rows] or float[rows, classes]");
        }
        int labels = v.getOutput().getLabels() == null ? 0 : v.getOutput().getLabels().size();
        if (labels > 0 && labels != outputWidth) {
          throw ProblemException.badRequest("metadata.output.labels", "output '" + output + "' has " + outputWidth
              + " columns, the version names " + labels + " labels");
        }
        return new Inspected(input.getKey(), outputWidth);
      }
    } catch (OrtException e) {
      throw ProblemException.badRequest("artifact", "onnxruntime cannot load or run the artifact: " + e.getMessage());
    }
  }
}
