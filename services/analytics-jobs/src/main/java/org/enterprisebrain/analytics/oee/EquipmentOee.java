package org.enterprisebrain.analytics.oee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.enterprisebrain.analytics.model.MachineKey;
import org.enterprisebrain.analytics.model.SettingsScope;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.Forget;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.stream.SettingsIndex;

/**
 * OEE of one machine per hour and per shift, from its state changes, operation reports and master data.
 *
 * <p>An hour is computed when the watermark passes its end. The state in effect at any instant is the
 * latest change at or before it (the last one received wins at the same instant), so an hour with no
 * record at all still gets its result. Quantities count in the hour where their report ends, at the ideal cycle
 * time {@link ReportRouting} found in their product's routing, else at the machine's. A record that
 * arrives after its hour was computed, but within the allowed lateness, recomputes every hour from its own
 * on (a late state change moves every later hour too) and overwrites them; older ones are dropped and
 * counted, as are duplicates (same record id).
 *
 * <p>Planned time comes from the work calendar in force at the hour's start (the machine's line's, else its
 * plant's, else the job's default shifts), which arrive as a broadcast stream: time the calendar does not plan
 * is planned stop whatever the machine's state, so a state never runs past the end of a planned shift. A
 * calendar version applies to the hours not yet computed; hours already computed keep theirs until a backfill.
 */
public final class EquipmentOee extends KeyedBroadcastProcessFunction<String, OeeInput, String, EsDocument> {

  private static final long serialVersionUID = 1L;
  static final long HOUR = 3_600_000L;
  public static final OutputTag<PeriodResult> PERIODS = new OutputTag<>("oee-periods", TypeInformation.of(PeriodResult.class));

  /** Every calendar version (its JSON), by plant|line|version. */
  public static final MapStateDescriptor<String, String> CALENDARS = new MapStateDescriptor<>("oee-calendars",
      Types.STRING, Types.STRING);

  private final String index;
  private final WorkCalendar defaults;
  private final long latenessMs;
  private final KafkaConnection kafka;
  private final String calendarsTopic;
  private transient SettingsIndex<String, WorkCalendar> calendars;

  /** An hour's quantities: units good, scrapped, reworked, of them timed by a routing, and their ideal ms. */
  static final int GOOD = 0, SCRAP = 1, REWORK = 2, ROUTED = 3, ROUTED_IDEAL_MS = 4, QUANTITIES = 5;

  private transient ValueState<OeeInput> master;
  private transient MapState<Long, String> changes;
  private transient MapState<Long, long[]> quantities;
  private transient MapState<Long, OeeComponents> hours;
  private transient MapState<String, Long> seen;
  private transient ValueState<Long> nextHour;
  private transient ValueState<Long> latest;
  private transient ValueState<String> operation;
  private transient Counter duplicates;
  private transient Counter lateApplied;
  private transient Counter lateDropped;

  /**
   * @param defaults       the plan of a plant without any calendar
   * @param calendarsTopic read whole when the operator opens (at {@code kafka}); null: not read
   */
  public EquipmentOee(String index, WorkCalendar defaults, long latenessMs, KafkaConnection kafka, String calendarsTopic) {
    this.index = index;
    this.defaults = defaults;
    this.latenessMs = latenessMs;
    this.kafka = kafka;
    this.calendarsTopic = calendarsTopic;
  }

  @Override
  public void open(OpenContext context) {
    master = getRuntimeContext().getState(new ValueStateDescriptor<>("master", OeeInput.class));
    changes = getRuntimeContext().getMapState(new MapStateDescriptor<>("changes", Types.LONG, Types.STRING));
    quantities = getRuntimeContext().getMapState(new MapStateDescriptor<>("quantities", Types.LONG,
        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    hours = getRuntimeContext().getMapState(new MapStateDescriptor<>("hours", Types.LONG,
        TypeInformation.of(OeeComponents.class)));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
    nextHour = getRuntimeContext().getState(new ValueStateDescriptor<>("next-hour", Types.LONG));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
    operation = getRuntimeContext().getState(new ValueStateDescriptor<>("operation", Types.STRING));
    var metrics = getRuntimeContext().getMetricGroup();
    duplicates = metrics.counter("duplicateRecords");
    lateApplied = metrics.counter("lateRecordsApplied");
    lateDropped = metrics.counter("lateRecordsDropped");
    calendars = SettingsIndex.ofJson(kafka, calendarsTopic, WorkCalendar::read);
  }

  @Override
  public void processBroadcastElement(String json, Context ctx, Collector<EsDocument> out) throws Exception {
    calendars.broadcast(json, ctx.getBroadcastState(CALENDARS));
  }

  /** The machine's line's calendar in force at t, else its plant's, else the default. */
  private WorkCalendar calendarAt(String plant, String line, long t, ReadOnlyContext ctx) throws Exception {
    SettingsIndex<String, WorkCalendar> index = calendars.restored(ctx.getBroadcastState(CALENDARS));
    WorkCalendar lines = line == null ? null : index.inForce(SettingsScope.calendar(plant, line), t);
    WorkCalendar plants = lines != null ? lines : index.inForce(SettingsScope.calendar(plant, null), t);
    return plants == null ? defaults : plants;
  }

  @Override
  public void processElement(OeeInput in, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    if (in.recordId() != null && seen.contains(in.recordId())) {
      duplicates.inc();
      return;
    }
    if (in.kind() == OeeInput.Kind.MASTER) {
      OeeInput previous = master.value();
      master.update(in);
      remember(in);
      Long next = nextHour.value();
      if (next != null && (previous == null || !java.util.Objects.equals(previous.line(), in.line())
          || Double.compare(previous.idealCycleSeconds(), in.idealCycleSeconds()) != 0)) {
        // hours computed without (or with other) master data: recompute those still open to change
        long watermark = ctx.timerService().currentWatermark();
        long from = watermark == Long.MIN_VALUE ? next : Math.max(hourOf(watermark - latenessMs), next - 24 * HOUR);
        for (long h = from; h < next; h += HOUR) {
          if (hours.contains(h)) {
            emit(ctx.getCurrentKey(), h, ctx, out);
          }
        }
      }
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    // a report ending on the hour belongs to the hour before
    long hour = hourOf(in.kind() == OeeInput.Kind.REPORT ? in.at() - 1 : in.at());
    // (no watermark yet is Long.MIN_VALUE: subtracting from it would wrap around)
    if (watermark != Long.MIN_VALUE && hour + HOUR <= watermark - latenessMs) {
      lateDropped.inc();
      return;
    }
    remember(in);
    if (in.kind() == OeeInput.Kind.STATE) {
      changes.put(in.at(), in.state() + '|' + (in.reasonCode() == null ? "" : in.reasonCode()));
    } else {
      // routing operations are zero-padded numbers (0010, 0020 …): the highest is where parts leave
      if (in.operation() != null && (operation.value() == null || in.operation().compareTo(operation.value()) > 0)) {
        operation.update(in.operation());
      }
      long[] q = quantities(quantities.get(hour));
      q[GOOD] += in.good();
      q[SCRAP] += in.scrap();
      q[REWORK] += in.rework();
      if (Double.isFinite(in.idealCycleSeconds())) {
        q[ROUTED] += in.produced();
        q[ROUTED_IDEAL_MS] += Math.round(in.produced() * in.idealCycleSeconds() * 1000);
      }
      quantities.put(hour, q);
    }
    latest.update(Math.max(hour, latest.value() == null ? Long.MIN_VALUE : latest.value()));
    Long next = nextHour.value();
    if (next == null || hour < next && !hours.contains(next - HOUR)) {
      // nothing computed yet: start (or start earlier) when the watermark passes this hour
      nextHour.update(hour);
      ctx.timerService().registerEventTimeTimer(hour + HOUR);
    } else if (hour < next) {
      lateApplied.inc();
      for (long h = hour; h < next; h += HOUR) {
        emit(ctx.getCurrentKey(), h, ctx, out);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    Long next = nextHour.value();
    if (next == null) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    // at the end of a bounded input the watermark is MAX: compute up to the hour of the last record only
    long until = watermark == Long.MAX_VALUE ? latest.value() + HOUR : watermark;
    long h = next;
    for (; h + HOUR <= until; h += HOUR) {
      emit(ctx.getCurrentKey(), h, ctx, out);
    }
    nextHour.update(h);
    if (watermark != Long.MAX_VALUE) {
      // the next hour is due even if this machine sends nothing (a long breakdown is still an hour of OEE)
      ctx.timerService().registerEventTimeTimer(h + HOUR);
      prune(watermark - latenessMs);
    }
  }

  private void emit(String key, long hour, ReadOnlyContext ctx, Collector<EsDocument> out) throws Exception {
    OeeInput m = master.value();
    MachineKey machine = MachineKey.parse(key);
    String plant = machine.plant();
    String equipment = machine.equipment();
    String line = m == null ? null : m.line();
    WorkCalendar calendar = calendarAt(plant, line, hour, ctx);
    OeeComponents c = compute(hour, calendar);
    hours.put(hour, c);
    WorkCalendar.Shift shift = calendar.shiftAt(hour);
    String code = shift == null ? null : shift.code();
    out.collect(document(plant, line, equipment, m, "hour", hour, hour + HOUR, code, c));
    ctx.output(PERIODS, new PeriodResult(plant, line, equipment, "hour", hour, hour + HOUR, code, c,
        operation.value()));
    if (shift == null) {
      return; // an hour outside every shift belongs to none
    }
    OeeComponents total = OeeComponents.NONE;
    for (long h = shift.start(); h < shift.end(); h += HOUR) {
      OeeComponents part = hours.get(h);
      if (part != null) {
        total = total.plus(part);
      }
    }
    out.collect(document(plant, line, equipment, m, "shift", shift.start(), shift.end(), shift.code(), total));
    ctx.output(PERIODS, new PeriodResult(plant, line, equipment, "shift", shift.start(), shift.end(), shift.code(), total,
        operation.value()));
  }

  /** The components of one hour from the state changes in force during it, its quantities and its plan. */
  OeeComponents compute(long hour, WorkCalendar calendar) throws Exception {
    TreeMap<Long, String> sorted = new TreeMap<>();
    for (Map.Entry<Long, String> e : changes.entries()) {
      if (e.getKey() < hour + HOUR) {
        sorted.put(e.getKey(), e.getValue());
      }
    }
    OeeInput m = master.value();
    double ideal = m == null || !Double.isFinite(m.idealCycleSeconds()) ? Double.NaN : m.idealCycleSeconds() * 1000;
    return components(sorted, hour, hour + HOUR, quantities(quantities.get(hour)), ideal, calendar.plan(hour, hour + HOUR));
  }

  /** An hour's quantities as kept, in the present layout (a checkpoint may hold the three of before routings). */
  static long[] quantities(long[] kept) {
    if (kept != null && kept.length == QUANTITIES) {
      return kept;
    }
    long[] q = new long[QUANTITIES];
    if (kept != null) {
      System.arraycopy(kept, 0, q, 0, Math.min(kept.length, QUANTITIES));
    }
    return q;
  }

  /** Pure: the components of [from, to) all of it planned. */
  static OeeComponents components(TreeMap<Long, String> changes, long from, long to, long[] quantities,
      double idealCycleMs) {
    return components(changes, from, to, quantities, idealCycleMs, new TreeMap<>(Map.of(from, WorkCalendar.PLANNED)));
  }

  /**
   * Pure: the components of [from, to) given state changes (time → "state|reason"), quantities ({@link #GOOD} …,
   * a shorter array: the rest 0) and the plan ({@link WorkCalendar#plan}): time the plan does not plan is planned
   * stop by the plan's reason.
   *
   * @param idealCycleMs the machine's, for units no routing timed
   */
  static OeeComponents components(TreeMap<Long, String> changes, long from, long to, long[] quantities,
      double idealCycleMs, TreeMap<Long, String> plan) {
    long observed = 0, plannedStop = 0, run = 0, down = 0, setup = 0, idle = 0;
    int failures = 0;
    Map<String, Long> reasons = new TreeMap<>();
    // the spans of [from, to): the state in force at `from`, then every change inside
    List<Map.Entry<Long, String>> spans = new ArrayList<>();
    Map.Entry<Long, String> inForce = changes.floorEntry(from);
    if (inForce != null) {
      spans.add(inForce);
    }
    spans.addAll(changes.subMap(from, false, to, false).entrySet());
    Map.Entry<Long, String> before = spans.isEmpty() ? null : changes.lowerEntry(spans.get(0).getKey());
    String previous = before == null ? null : stateOf(before.getValue());
    for (int i = 0; i < spans.size(); i++) {
      long start = Math.max(from, spans.get(i).getKey());
      long end = i + 1 < spans.size() ? spans.get(i + 1).getKey() : to;
      String value = spans.get(i).getValue();
      String state = stateOf(value);
      // a failure belongs to the period in which the machine went down, in planned time
      if (state.equals("down") && !"down".equals(previous) && spans.get(i).getKey() >= from
          && WorkCalendar.PLANNED.equals(plan.floorEntry(start).getValue())) {
        failures++;
      }
      previous = state;
      // the span cut by the plan: what the plan does not plan is not the state's
      for (Map.Entry<Long, String> piece : plan.subMap(plan.floorKey(start), true, end, false).entrySet()) {
        long pieceStart = Math.max(start, piece.getKey());
        Long next = plan.higherKey(piece.getKey());
        long ms = Math.min(end, next == null ? to : next) - pieceStart;
        if (ms <= 0) {
          continue;
        }
        observed += ms;
        if (!piece.getValue().equals(WorkCalendar.PLANNED)) {
          plannedStop += ms;
          reasons.merge("planned-stop/" + piece.getValue(), ms, Long::sum);
          continue;
        }
        switch (state) {
          case "running" -> run += ms;
          case "down" -> down += ms;
          case "setup" -> setup += ms;
          case "idle" -> idle += ms;
          default -> plannedStop += ms;
        }
        if (!state.equals("running")) {
          reasons.merge(state + '/' + value.substring(value.indexOf('|') + 1), ms, Long::sum);
        }
      }
    }
    long[] q = quantities(quantities);
    long produced = q[GOOD] + q[SCRAP] + q[REWORK];
    // units their routing times count at its cycle, the rest at the machine's; nothing produced needs no cycle
    // time; something produced without one leaves performance unknown
    long unrouted = produced - q[ROUTED];
    double idealMs = q[ROUTED_IDEAL_MS] + (unrouted == 0 ? 0 : idealCycleMs * unrouted);
    return new OeeComponents(observed, plannedStop, run, down, setup, idle, q[GOOD], q[SCRAP], q[REWORK], idealMs,
        failures, reasons);
  }

  private static String stateOf(String value) {
    return value.substring(0, value.indexOf('|'));
  }

  private EsDocument document(String plant, String line, String equipment, OeeInput m, String period, long start,
      long end, String shift, OeeComponents c) {
    ObjectNode n = Envelope.JSON.createObjectNode().put("level", "equipment").put("period", period)
        .put("plant", plant).put("line", line).put("equipment", equipment)
        .put("equipmentName", m == null ? null : m.name())
        .put("start", Instant.ofEpochMilli(start).toString()).put("end", Instant.ofEpochMilli(end).toString())
        .put("shift", shift);
    if (m != null && Double.isFinite(m.idealCycleSeconds())) {
      n.put("idealCycleSeconds", m.idealCycleSeconds());
    }
    c.write(n);
    return new EsDocument(index, period + '|' + plant + '|' + equipment + '|' + Instant.ofEpochMilli(start),
        n.toString());
  }

  private void remember(OeeInput in) throws Exception {
    if (in.recordId() != null) {
      seen.put(in.recordId(), in.at());
    }
  }

  /**
   * Forgets what can no longer change a result. The oldest hour that may still be recomputed is the one
   * holding the horizon: keep the state change in force at its start and the one before that (a failure
   * is a change into down from something else).
   */
  private void prune(long horizon) throws Exception {
    long oldest = hourOf(horizon);
    TreeMap<Long, String> sorted = new TreeMap<>();
    for (Long t : changes.keys()) {
      sorted.put(t, "");
    }
    Long inForce = sorted.floorKey(oldest);
    Long before = inForce == null ? null : sorted.lowerKey(inForce);
    Forget.keysBefore(changes, before != null ? before : inForce != null ? inForce : oldest);
    Forget.keysBefore(quantities, oldest);
    // a shift may still need its first hours: keep a day of hours
    Forget.keysBefore(hours, oldest - 24 * HOUR);
    Forget.valuesBefore(seen, oldest - HOUR);
  }

  static long hourOf(long t) {
    return Math.floorDiv(t, HOUR) * HOUR;
  }
}
