package org.enterprisebrain.analytics.oee;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.enterprisebrain.analytics.sink.EsDocument;

/** OEE per machine and line, per hour and shift (ISO 22400-2), with downtime by reason and bottleneck. */
public final class OeeJob {

  private OeeJob() {
  }

  /**
   * @param calendars      the work calendars' versions (JSON), broadcast to every machine
   * @param defaults       the plan where no calendar is
   * @param calendarsTopic read whole when the per-machine operator opens (at {@code bootstrap}); null: not read
   */
  public static DataStream<EsDocument> build(DataStream<OeeInput> inputs, DataStream<String> calendars, String index,
      WorkCalendar defaults, long latenessMs, String bootstrap, String calendarsTopic) {
    SingleOutputStreamOperator<EsDocument> machines = inputs
        .keyBy(OeeInput::key)
        .connect(calendars.broadcast(EquipmentOee.CALENDARS))
        .process(new EquipmentOee(index, defaults, latenessMs, bootstrap, calendarsTopic)).name("oee-per-equipment")
        .uid("oee-per-equipment");
    DataStream<EsDocument> lines = machines.getSideOutput(EquipmentOee.PERIODS)
        .keyBy(PeriodResult::lineKey)
        .process(new LineOee(index, latenessMs + 24 * EquipmentOee.HOUR)).name("oee-per-line").uid("oee-per-line");
    return machines.union(lines);
  }
}
