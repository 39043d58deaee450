package org.enterprisebrain.registry.deployments;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.enterprisebrain.messages.ModelDeployment;
import org.enterprisebrain.messages.ModelDeploymentEwma;
import org.enterprisebrain.messages.ModelDeploymentFeaturesInner;
import org.enterprisebrain.messages.ModelDeploymentLinear;
import org.enterprisebrain.registry.RegistryProperties;
import org.enterprisebrain.registry.api.model.Deployment;
import org.enterprisebrain.registry.api.model.FeatureBinding;
import org.enterprisebrain.registry.api.model.LinearSpec;
import org.enterprisebrain.registry.api.model.ModelVersion;
import org.enterprisebrain.registry.models.ModelStore;
import org.enterprisebrain.standard.FieldError;
import org.enterprisebrain.web.ProblemException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the scoring job about a deployment: one record per deployment id on a compacted topic, carrying
 * everything the job needs to score (the artifact itself included), an empty value when it is undeployed.
 * The job keeps the latest record per id in broadcast state, so it learns every live deployment from the
 * topic alone, after a restart too. Every record is signed ({@link DeploymentSigner}). A send is acknowledged by all in-sync replicas before the caller is
 * answered; if Kafka does not acknowledge in time, the caller gets 503 and the database change rolls back.
 */
@Configuration
public class DeploymentPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final RegistryProperties settings;
  private final ModelStore models;
  private final JsonMapper json;
  private final DeploymentSigner signer;

  public DeploymentPublisher(KafkaTemplate<String, byte[]> kafka, RegistryProperties settings, ModelStore models,
      JsonMapper json, DeploymentSigner signer) {
    this.kafka = kafka;
    this.settings = settings;
    this.models = models;
    this.json = json;
    this.signer = signer;
  }

  @Bean
  NewTopic deploymentsTopic() {
    return TopicBuilder.name(settings.deploymentsTopic()).partitions(1).replicas(settings.topicReplication()).compact()
        .config("max.message.bytes", Integer.toString(settings.maxMessageBytes())).build();
  }

  public void publish(Deployment d) {
    send(d.getId(), d.getStatus() == Deployment.StatusEnum.ACTIVE ? message(d) : null);
  }

  byte[] message(Deployment d) {
    ModelVersion v = models.requireVersion(d.getModel(), d.getVersion());
    Map<String, FeatureBinding> bindings = d.getBindings().stream()
        .collect(Collectors.toMap(FeatureBinding::getFeature, Function.identity()));
    // in the model's tensor order, whatever order the deployment gave
    List<ModelDeploymentFeaturesInner> features = v.getFeatures().stream().map(f -> {
      FeatureBinding b = bindings.get(f.getName());
      return new ModelDeploymentFeaturesInner(f.getName(), b.getSignal(), b.getCenter() == null ? 0 : b.getCenter(),
          b.getScale() == null ? 1 : b.getScale());
    }).toList();
    List<String> labels = v.getOutput().getLabels() == null ? List.of() : v.getOutput().getLabels();
    LinearSpec linear = v.getLinear();
    boolean onnx = v.getArtifactSha256() != null;
    ModelDeployment m = new ModelDeployment(d.getId(), d.getModel(), v.getVersion(), d.getAlias(),
        ModelDeployment.KindEnum.fromValue(v.getKind()), d.getEntity(), d.getEquipment(),
        java.time.Duration.parse(d.getBucket()).toMillis(), d.getThreshold(), d.getPlants(), features,
        v.getOutput().getTensor(), labels.isEmpty() ? 0 : labels.indexOf(v.getOutput().getPositive()),
        linear == null ? null : new ModelDeploymentLinear(linear.getWeights(), linear.getBias(),
            linear.getLink() == null ? null : ModelDeploymentLinear.LinkEnum.fromValue(linear.getLink().getValue())),
        v.getThreshold() == null ? null : v.getThreshold().getUpper(),
        v.getEwma() == null ? null : new ModelDeploymentEwma(v.getEwma().getAlpha(),
            v.getEwma().getWarmUp() == null ? 30 : v.getEwma().getWarmUp()),
        onnx ? v.getArtifactSha256() : null, onnx ? v.getInputTensor() : null,
        onnx ? Base64.getEncoder().encodeToString(models.artifact(v.getArtifactSha256())) : null);
    return json.writeValueAsBytes(m);
  }

  private void send(String key, byte[] value) {
    try {
      ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.deploymentsTopic(), key, value);
      record.headers().add(DeploymentSigner.HEADER, signer.sign(key, value));
      kafka.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException) {
        throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "Deployment too large",
            "the deployment with its artifact exceeds BRAIN_REGISTRY_MAX_MESSAGE_BYTES (" + settings.maxMessageBytes()
                + "); the artifact travels base64-encoded", List.of(new FieldError("model", e.getCause().getMessage())));
      }
      throw unavailable(e);
    } catch (TimeoutException e) {
      throw unavailable(e);
    }
  }

  private static ProblemException unavailable(Exception e) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable",
        "Kafka did not acknowledge the deployment (" + e.getMessage() + "): nothing was changed, try again",
        List.of());
  }
}
