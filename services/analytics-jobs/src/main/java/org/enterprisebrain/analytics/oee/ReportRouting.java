package org.enterprisebrain.analytics.oee;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.stream.SettingsIndex;

/**
 * Gives each operation report, per work order, its product (the work order's {@code material}) and the ideal cycle
 * time of its operation in that product's routing in force at the report's end, read as a broadcast stream
 * ({@link Routing}); {@link EquipmentOee} counts the report's units at it, or at the machine's when it is NaN.
 *
 * <p>A work order is released before its reports end, but the two come on different topics (and partitions), so a
 * report whose work order has not arrived waits until the watermark passes its end; it is then counted at the
 * machine's cycle time (and counted in {@code reportsWithoutWorkOrder}). Waiting on the watermark costs the hour's
 * result nothing: the hour is computed downstream only when the same watermark passes the hour's end.
 */
public final class ReportRouting extends KeyedBroadcastProcessFunction<String, OeeInput, String, OeeInput> {

  private static final long serialVersionUID = 1L;

  /** Every routing version (its JSON), by plant|product|version. */
  public static final MapStateDescriptor<String, String> ROUTINGS = new MapStateDescriptor<>("oee-routings",
      Types.STRING, Types.STRING);

  /**
   * How long a work order's product is kept after its last record: a quarter, past any order's run; reports of
   * an order silent for longer count at their machine's cycle time.
   */
  static final Duration ORDER_KEPT = Duration.ofDays(92);

  private final KafkaConnection kafka;
  private final String routingsTopic;
  private transient SettingsIndex<String, Routing> routings;
  private transient ValueState<String> product;
  private transient ListState<OeeInput> waiting;
  private transient Counter withoutWorkOrder;

  /** @param routingsTopic read whole when the operator opens (at {@code kafka}); null: not read */
  public ReportRouting(KafkaConnection kafka, String routingsTopic) {
    this.kafka = kafka;
    this.routingsTopic = routingsTopic;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<String> products = new ValueStateDescriptor<>("work-order-product", Types.STRING);
    products.enableTimeToLive(StateTtlConfig.newBuilder(ORDER_KEPT).updateTtlOnCreateAndWrite().build());
    product = getRuntimeContext().getState(products);
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("reports-waiting", OeeInput.class));
    withoutWorkOrder = getRuntimeContext().getMetricGroup().counter("reportsWithoutWorkOrder");
    routings = SettingsIndex.ofJson(kafka, routingsTopic, Routing::read);
  }

  @Override
  public void processBroadcastElement(String json, Context ctx, Collector<OeeInput> out) throws Exception {
    routings.broadcast(json, ctx.getBroadcastState(ROUTINGS));
  }

  @Override
  public void processElement(OeeInput in, ReadOnlyContext ctx, Collector<OeeInput> out) throws Exception {
    if (in.kind() == OeeInput.Kind.ORDER) {
      if (in.product() != null) {
        product.update(in.product());
        for (OeeInput report : waiting.get()) {
          out.collect(routed(report, in.product(), ctx));
        }
        waiting.clear();
      }
      return;
    }
    String known = product.value();
    if (known != null || ctx.timerService().currentWatermark() >= in.at()) {
      out.collect(routed(in, known, ctx));
      return;
    }
    waiting.add(in);
    ctx.timerService().registerEventTimeTimer(in.at());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OeeInput> out) throws Exception {
    String known = product.value();
    List<OeeInput> later = new ArrayList<>();
    for (OeeInput report : waiting.get()) {
      if (report.at() <= timestamp) {
        out.collect(routed(report, known, ctx));
      } else {
        later.add(report);
      }
    }
    waiting.update(later);
  }

  private OeeInput routed(OeeInput report, String product, ReadOnlyContext ctx) throws Exception {
    if (product == null) {
      withoutWorkOrder.inc();
      return report;
    }
    // its units were made before its end: a version from the very end on is the next report's (as its hour is)
    Routing r = routings.restored(ctx.getBroadcastState(ROUTINGS)).inForce(Routing.scope(report.plant(), product),
        report.at() - 1);
    return report.routed(product, r == null ? Double.NaN : r.idealCycleSeconds(report.operation()));
  }
}
