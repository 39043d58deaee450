package org.enterprisebrain.analytics.oee;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.enterprisebrain.analytics.sink.EsDocument;

/** OEE per machine and line, per hour and shift (ISO 22400-2), with downtime by reason and bottleneck. */
public final class OeeJob {

  private OeeJob() {
  }

  public static DataStream<EsDocument> build(DataStream<OeeInput> inputs, String index, ShiftCalendar shifts,
      long latenessMs) {
    SingleOutputStreamOperator<EsDocument> machines = inputs
        .keyBy(OeeInput::key)
        .process(new EquipmentOee(index, shifts, latenessMs)).name("oee-per-equipment").uid("oee-per-equipment");
    DataStream<EsDocument> lines = machines.getSideOutput(EquipmentOee.PERIODS)
        .keyBy(PeriodResult::lineKey)
        .process(new LineOee(index, latenessMs + 24 * EquipmentOee.HOUR)).name("oee-per-line").uid("oee-per-line");
    return machines.union(lines);
  }
}
