package org.enterprisebrain.registry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.enterprisebrain.registry.api.model.Feature;
import org.enterprisebrain.registry.api.model.ModelOutput;
import org.enterprisebrain.registry.api.model.NewModelVersion;
import org.enterprisebrain.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An uploaded graph is code the registry runs (with the real onnxruntime): one that loops for hours is stopped at
 * the check's time limit, and the same graph with a short loop passes, so it is the time that refuses it.
 */
class ArtifactCheckTest {

  static final NewModelVersion VERSION = new NewModelVersion(NewModelVersion.KindEnum.ONNX,
      List.of(new Feature().name("temperature").entity("telemetry").field("value"),
          new Feature().name("vibration").entity("telemetry").field("value")),
      new ModelOutput("score"));

  @Test
  @Timeout(60)
  void aGraphThatLoopsForHoursIsStoppedAtTheTimeLimit() {
    ArtifactCheck check = new ArtifactCheck(Duration.ofSeconds(1), 2);
    assertThat(check.inspect(loopingModel(1_000), VERSION).outputWidth()).isEqualTo(1);
    assertThatThrownBy(() -> check.inspect(loopingModel(4_000_000_000L), VERSION))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.status().value()).isEqualTo(400);
          assertThat(p.errors().get(0).pointer()).isEqualTo("artifact");
          assertThat(p.getMessage()).contains("did not score one row of zeros within PT1S");
        });
    // the registry still checks models afterwards: nothing of the stopped run is left holding it
    assertThat(check.inspect(loopingModel(10), VERSION).inputTensor()).isEqualTo("features");
  }

  @Test
  @Timeout(60)
  void checksBeyondTheConcurrencyAreRefusedAtOnceNotQueued() throws Exception {
    ArtifactCheck check = new ArtifactCheck(Duration.ofSeconds(3), 1);
    CompletableFuture<Throwable> slow = CompletableFuture.supplyAsync(() -> {
      try {
        check.inspect(loopingModel(4_000_000_000L), VERSION);
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
    // the slow check holds the one slot until its time limit: a second one meanwhile is 429, without waiting
    long waited = System.nanoTime();
    while (check.freeSlots() > 0 && System.nanoTime() - waited < 30_000_000_000L) {
      Thread.sleep(5);
    }
    assertThat(check.freeSlots()).as("the slow check holds the slot").isZero();
    ProblemException busy = null;
    long started = System.nanoTime();
    try {
      check.inspect(loopingModel(10), VERSION);
    } catch (ProblemException p) {
      busy = p;
    }
    long refusedWithin = System.nanoTime() - started;
    assertThat(busy).as("a second check while the first runs").isNotNull();
    assertThat(busy.status().value()).isEqualTo(429);
    assertThat(busy.errors().get(0).pointer()).isEqualTo("artifact");
    assertThat(Duration.ofNanos(refusedWithin)).isLessThan(Duration.ofSeconds(1));
    assertThat(slow.get()).isInstanceOf(ProblemException.class).hasMessageContaining("did not score");
    // the slot is given back, also by a refused check
    assertThat(check.inspect(loopingModel(10), VERSION).outputWidth()).isEqualTo(1);
    assertThatThrownBy(() -> new ArtifactCheck(Duration.ofSeconds(1), 0)).hasMessageContaining("check-concurrency");
  }

  /**
   * features [rows, 2] → score [rows]: the row sums plus a counter a Loop adds 1 to {@code trips} times (ONNX
   * opset 13, written with the ONNX protobuf classes Tribuo ships).
   */
  static byte[] loopingModel(long trips) {
    OnnxMl.GraphProto body = OnnxMl.GraphProto.newBuilder().setName("count")
        .addInput(scalar("i", OnnxMl.TensorProto.DataType.INT64))
        .addInput(scalar("go_in", OnnxMl.TensorProto.DataType.BOOL))
        .addInput(scalar("acc_in", OnnxMl.TensorProto.DataType.FLOAT))
        .addNode(node("Identity", "keep", List.of("go_in"), "go_out"))
        .addNode(node("Add", "add", List.of("acc_in", "one"), "acc_out"))
        .addOutput(scalar("go_out", OnnxMl.TensorProto.DataType.BOOL))
        .addOutput(scalar("acc_out", OnnxMl.TensorProto.DataType.FLOAT))
        .build();
    OnnxMl.NodeProto loop = node("Loop", "loop", List.of("trips", "go", "zero"), "total").toBuilder()
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("body").setType(OnnxMl.AttributeProto.AttributeType.GRAPH)
            .setG(body))
        .build();
    OnnxMl.NodeProto rowSum = node("ReduceSum", "rows", List.of("features", "axes"), "row_sum").toBuilder()
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("keepdims").setType(OnnxMl.AttributeProto.AttributeType.INT)
            .setI(0))
        .build();
    OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("looping")
        .addInitializer(tensor("trips", OnnxMl.TensorProto.DataType.INT64, longs(trips)))
        .addInitializer(tensor("go", OnnxMl.TensorProto.DataType.BOOL, new byte[] {1}))
        .addInitializer(tensor("zero", OnnxMl.TensorProto.DataType.FLOAT, floats(0f)))
        .addInitializer(tensor("one", OnnxMl.TensorProto.DataType.FLOAT, floats(1f)))
        .addInitializer(tensor("axes", OnnxMl.TensorProto.DataType.INT64, longs(1L)).toBuilder().addDims(1).build())
        .addNode(loop).addNode(rowSum)
        .addNode(node("Add", "score", List.of("row_sum", "total"), "score"))
        .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("features").setType(type(OnnxMl.TensorProto.DataType.FLOAT,
            OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("rows"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(2)).build())))
        .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("score").setType(type(OnnxMl.TensorProto.DataType.FLOAT,
            OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("rows")).build())))
        .build();
    return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("ArtifactCheckTest").setGraph(graph)
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .build().toByteArray();
  }

  static OnnxMl.NodeProto node(String op, String name, List<String> inputs, String output) {
    return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
  }

  static OnnxMl.ValueInfoProto scalar(String name, OnnxMl.TensorProto.DataType type) {
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(type(type, OnnxMl.TensorShapeProto.newBuilder().build())).build();
  }

  static OnnxMl.TypeProto type(OnnxMl.TensorProto.DataType element, OnnxMl.TensorShapeProto shape) {
    return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
        .setElemType(element.getNumber()).setShape(shape)).build();
  }

  static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, byte[] raw) {
    return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
        .setRawData(ByteString.copyFrom(raw)).build();
  }

  static byte[] longs(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  static byte[] floats(float value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
  }
}
