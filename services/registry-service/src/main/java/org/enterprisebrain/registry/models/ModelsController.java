package org.enterprisebrain.registry.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.registry.api.ModelsApi;
import org.enterprisebrain.registry.api.model.Feature;
import org.enterprisebrain.registry.api.model.Model;
import org.enterprisebrain.registry.api.model.ModelOutput;
import org.enterprisebrain.registry.api.model.ModelVersion;
import org.enterprisebrain.registry.api.model.NewModel;
import org.enterprisebrain.registry.api.model.NewModelVersion;
import org.enterprisebrain.registry.api.model.TrainingField;
import org.enterprisebrain.registry.web.Names;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class ModelsController implements ModelsApi {

  private final ModelStore models;
  private final ArtifactCheck check;
  private final DataStandard standard = DataStandard.load();

  public ModelsController(ModelStore models, ArtifactCheck check) {
    this.models = models;
    this.check = check;
  }

  @Override
  public ResponseEntity<Model> createModel(NewModel m) {
    Names.require("name", m.getName());
    return ResponseEntity.status(HttpStatus.CREATED).body(models.create(m, Callers.current().name()));
  }

  @Override
  public ResponseEntity<List<Model>> listModels(String tag) {
    return ResponseEntity.ok(models.list(tag));
  }

  @Override
  public ResponseEntity<Model> getModel(String name) {
    return ResponseEntity.ok(models.require(name));
  }

  @Override
  @Transactional
  public ResponseEntity<ModelVersion> createVersion(String name, NewModelVersion metadata, MultipartFile artifact) {
    models.require(name);
    validate(metadata);
    List<TrainingField> trainedOn = metadata.getTrainedOn() == null ? List.of() : metadata.getTrainedOn();
    for (int i = 0; i < trainedOn.size(); i++) {
      if (trainedOn.get(i).getEntity() == null || standard.entity(trainedOn.get(i).getEntity()).isEmpty()) {
        throw ProblemException.badRequest("metadata.trainedOn[" + i + "].entity", "'" + trainedOn.get(i).getEntity()
            + "' is not an entity of the data standard");
      }
    }
    byte[] bytes = null;
    ArtifactCheck.Inspected inspected = null;
    if (metadata.getKind() == NewModelVersion.KindEnum.ONNX) {
      if (artifact == null || artifact.isEmpty()) {
        throw ProblemException.badRequest("artifact", "an onnx version needs its .onnx file as the 'artifact' part");
      }
      try {
        bytes = artifact.getBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      inspected = check.inspect(bytes, metadata);
    } else if (artifact != null && !artifact.isEmpty()) {
      throw ProblemException.badRequest("artifact", "a " + metadata.getKind().getValue()
          + " version is declarative: it takes no artifact");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(models.addVersion(name, metadata, bytes, inspected, Callers.current().name()));
  }

  @Override
  public ResponseEntity<List<ModelVersion>> listVersions(String name) {
    return ResponseEntity.ok(models.versions(name));
  }

  @Override
  public ResponseEntity<ModelVersion> getVersion(String name, Integer version) {
    return ResponseEntity.ok(models.requireVersion(name, version));
  }

  /** What can be checked without the artifact: features, output, and the linear model's shape. */
  static void validate(NewModelVersion v) {
    if (v.getKind() == null) {
      throw ProblemException.badRequest("metadata.kind", "kind is required: onnx or linear");
    }
    List<Feature> features = v.getFeatures();
    if (features == null || features.isEmpty()) {
      throw ProblemException.badRequest("metadata.features", "a version needs at least one input feature");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      String at = "metadata.features[" + i + "]";
      if (f.getName() == null || f.getName().isBlank() || !names.add(f.getName())) {
        throw ProblemException.badRequest(at + ".name", "feature names must be present and distinct");
      }
      if (!"telemetry".equals(f.getEntity())) {
        throw ProblemException.badRequest(at + ".entity", "'" + f.getEntity()
            + "' cannot be scored in the stream yet; features are bound to entity telemetry");
      }
      if (!"value".equals(f.getField())) {
        throw ProblemException.badRequest(at + ".field", "telemetry features are the sampled 'value' of a signal");
      }
    }
    ModelOutput out = v.getOutput();
    if (out == null || out.getTensor() == null || out.getTensor().isBlank()) {
      throw ProblemException.badRequest("metadata.output.tensor", "output.tensor is required");
    }
    List<String> labels = out.getLabels() == null ? List.of() : out.getLabels();
    if (!labels.isEmpty() && (out.getPositive() == null || !labels.contains(out.getPositive()))) {
      throw ProblemException.badRequest("metadata.output.positive", "a classifier's score is the probability of one"
          + " of its labels " + labels + ": name it as output.positive");
    }
    if (v.getKind() == NewModelVersion.KindEnum.THRESHOLD) {
      List<Double> upper = v.getThreshold() == null ? null : v.getThreshold().getUpper();
      if (upper == null || upper.size() != features.size()) {
        throw ProblemException.badRequest("metadata.threshold.upper", "one upper limit per feature ("
            + features.size() + ")");
      }
      for (int i = 0; i < upper.size(); i++) {
        if (upper.get(i) == null || !(upper.get(i) > 0) || upper.get(i).isInfinite()) {
          throw ProblemException.badRequest("metadata.threshold.upper[" + i + "]", "a limit is positive and finite");
        }
      }
    }
    if (v.getKind() == NewModelVersion.KindEnum.EWMA) {
      Double alpha = v.getEwma() == null ? null : v.getEwma().getAlpha();
      if (alpha == null || !(alpha > 0 && alpha <= 1)) {
        throw ProblemException.badRequest("metadata.ewma.alpha", "alpha, the newest row's weight, is in (0, 1]");
      }
      if (v.getEwma().getWarmUp() != null && v.getEwma().getWarmUp() < 1) {
        throw ProblemException.badRequest("metadata.ewma.warmUp", "warmUp is at least 1");
      }
    }
    if (v.getKind() == NewModelVersion.KindEnum.LINEAR) {
      if (v.getLinear() == null || v.getLinear().getWeights() == null || v.getLinear().getBias() == null) {
        throw ProblemException.badRequest("metadata.linear", "a linear version needs linear.weights and linear.bias");
      }
      if (v.getLinear().getWeights().size() != features.size()) {
        throw ProblemException.badRequest("metadata.linear.weights", v.getLinear().getWeights().size()
            + " weights for " + features.size() + " features");
      }
    }
  }
}
