package org.enterprisebrain.analytics.attainment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Numbers;

/**
 * Plan against actual per production order: the plan (the newest request sent for it) beside the sum of its
 * responses (the newest of each response id), rewritten on every record of the order. Attainment is actual over
 * planned quantity (生产计划达成率); on time, whether the last response ended by the planned end. The order's day is
 * the plant's local date of its planned end (of its actual end without a plan), so a line's day adds the orders
 * due that day.
 */
public final class AttainmentProcess extends KeyedProcessFunction<String, OrderEvent, EsDocument> {

  private static final long serialVersionUID = 1L;
  /** An order not heard of for this long is forgotten (its document stays). */
  static final Duration RETENTION = Duration.ofDays(35);

  private final String index;
  private final String zone;
  private transient ValueState<OrderEvent> plan;
  private transient MapState<String, OrderEvent> responses;

  public AttainmentProcess(String index, String zone) {
    this.index = index;
    this.zone = zone;
  }

  @Override
  public void open(OpenContext context) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(RETENTION).build();
    ValueStateDescriptor<OrderEvent> planned = new ValueStateDescriptor<>("plan", TypeInformation.of(OrderEvent.class));
    planned.enableTimeToLive(ttl);
    plan = getRuntimeContext().getState(planned);
    MapStateDescriptor<String, OrderEvent> actual = new MapStateDescriptor<>("responses", Types.STRING,
        TypeInformation.of(OrderEvent.class));
    actual.enableTimeToLive(ttl);
    responses = getRuntimeContext().getMapState(actual);
  }

  @Override
  public void processElement(OrderEvent e, Context ctx, Collector<EsDocument> out) throws Exception {
    if (e.plan()) {
      OrderEvent known = plan.value();
      if (known != null && known.at() > e.at()) {
        return; // an older version of the plan arriving late
      }
      plan.update(e);
    } else {
      OrderEvent known = responses.get(e.response());
      if (known != null && known.at() > e.at()) {
        return;
      }
      responses.put(e.response(), e);
    }
    out.collect(document(plan.value(), responses.values()));
  }

  EsDocument document(OrderEvent planned, Iterable<OrderEvent> actuals) {
    ObjectNode d = Envelope.JSON.createObjectNode();
    double made = 0;
    long start = Long.MAX_VALUE, end = -1;
    int count = 0;
    OrderEvent latest = null;
    for (OrderEvent a : actuals) {
      count++;
      if (Double.isFinite(a.quantity())) {
        made += a.quantity();
      }
      if (a.start() >= 0) {
        start = Math.min(start, a.start());
      }
      end = Math.max(end, a.end());
      if (latest == null || a.at() > latest.at()) {
        latest = a;
      }
    }
    OrderEvent any = planned != null ? planned : latest;
    d.put("plant", any.plant()).put("workOrder", any.order());
    putText(d, "line", planOrActual(planned, latest, OrderEvent::line));
    putText(d, "product", planOrActual(planned, latest, OrderEvent::product));
    putText(d, "unit", planOrActual(planned, latest, OrderEvent::unit));
    long due = -1;
    if (planned != null) {
      Numbers.putFinite(d, "plannedQuantity", planned.quantity(), 1e6);
      putTime(d, "plannedStart", planned.start());
      putTime(d, "plannedEnd", planned.end());
      putText(d, "planState", planned.state());
      due = planned.end();
    }
    d.put("responses", count);
    if (count > 0) {
      d.put("actualQuantity", Numbers.round(made));
      putTime(d, "actualStart", start == Long.MAX_VALUE ? -1 : start);
      putTime(d, "actualEnd", end);
      putText(d, "state", latest.state());
      if (planned != null && Double.isFinite(planned.quantity()) && planned.quantity() > 0) {
        d.put("attainment", Numbers.round(made / planned.quantity()));
      }
      if (planned != null && planned.end() >= 0 && end >= 0) {
        d.put("onTime", end <= planned.end());
      }
    }
    long at = due >= 0 ? due : end;
    if (at >= 0) {
      d.put("at", Instant.ofEpochMilli(at).toString());
      d.put("day", Instant.ofEpochMilli(at).atZone(ZoneId.of(zone)).toLocalDate().toString());
    }
    return new EsDocument(index, "order|" + any.plant() + '|' + any.order(), d.toString());
  }

  /** What the plan says, else what the newest response says. */
  private static String planOrActual(OrderEvent planned, OrderEvent latest,
      java.util.function.Function<OrderEvent, String> field) {
    String value = planned == null ? null : field.apply(planned);
    return value != null || latest == null ? value : field.apply(latest);
  }

  private static void putText(ObjectNode d, String field, String value) {
    if (value != null) {
      d.put(field, value);
    }
  }

  private static void putTime(ObjectNode d, String field, long millis) {
    if (millis >= 0) {
      d.put(field, Instant.ofEpochMilli(millis).toString());
    }
  }
}
