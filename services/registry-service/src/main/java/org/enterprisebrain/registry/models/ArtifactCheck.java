package org.enterprisebrain.registry.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.enterprisebrain.registry.api.model.NewModelVersion;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Loads an ONNX artifact with the same runtime the scoring job uses and runs it once on a row of zeros, so a
 * version that is registered can be scored: a corrupt file, a second input, a feature count or an output
 * width that does not match what the version declares are refused here, naming the part at fault. An uploaded
 * graph is code the registry runs: on one thread, and stopped (400 {@code artifact}) when its one row takes longer
 * than {@code brain.registry.check-timeout} — a graph that loops for hours would otherwise hold a request thread
 * and a core for as long. At most {@code brain.registry.check-concurrency} checks run at once (each may hold a core
 * for the timeout): another is answered 429 at once rather than queued behind them.
 */
@Component
public class ArtifactCheck {

  /** What the scoring job needs to know about the graph besides the declared features. */
  public record Inspected(String inputTensor, int outputWidth) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ArtifactCheck.class);
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final Duration timeout;
  private final Semaphore slots;
  private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "model-check");
    t.setDaemon(true);
    return t;
  });

  public ArtifactCheck(@Value("${brain.registry.check-timeout:10s}") Duration timeout,
      @Value("${brain.registry.check-concurrency:2}") int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("brain.registry.check-concurrency must be at least 1, not " + concurrency);
    }
    this.timeout = timeout;
    this.slots = new Semaphore(concurrency);
  }

  public Inspected inspect(byte[] onnx, NewModelVersion v) {
    if (!slots.tryAcquire()) {
      throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", "other models are being "
          + "checked (each for at most " + timeout + "): nothing was registered, send this version again shortly",
          List.of(new FieldError("artifact", "the model checks are all busy")));
    }
    try {
      return inspectAlone(onnx, v);
    } finally {
      slots.release();
    }
  }

  /** Checks that may start now (tests wait on it). */
  int freeSlots() {
    return slots.availablePermits();
  }

  private Inspected inspectAlone(byte[] onnx, NewModelVersion v) {
    int features = v.getFeatures().size();
    try (OrtSession.SessionOptions options = single(new OrtSession.SessionOptions());
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
          OrtSession.Result result = runOnce(session, Map.of(input.getKey(), zeros), output)) {
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

  private static OrtSession.SessionOptions single(OrtSession.SessionOptions options) throws OrtException {
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    return options;
  }

  /** One run, terminated by onnxruntime itself (its run options' flag) when it takes longer than the timeout. */
  private OrtSession.Result runOnce(OrtSession session, Map<String, OnnxTensor> inputs, String output)
      throws OrtException {
    try (OrtSession.RunOptions run = new OrtSession.RunOptions()) {
      Future<OrtSession.Result> result = runs.submit(() -> session.run(inputs, java.util.Set.of(output), run));
      try {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        run.setTerminate(true);
        awaitEnd(result);
        throw ProblemException.badRequest("artifact", "the model did not score one row of zeros within " + timeout
            + ": a scoring graph must answer in milliseconds");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof OrtException ort) {
          throw ort;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        run.setTerminate(true);
        awaitEnd(result);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking the model", e);
      }
    }
  }

  /** Waits for a terminated run to end (it checks the flag between operators): its session is closed only then. */
  private static void awaitEnd(Future<OrtSession.Result> run) {
    try {
      run.get().close();
    } catch (ExecutionException e) {
      LOG.info("model check stopped at its time limit: {}", e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
