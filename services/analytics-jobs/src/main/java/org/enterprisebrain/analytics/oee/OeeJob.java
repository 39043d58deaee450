package org.enterprisebrain.analytics.oee;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.enterprisebrain.analytics.stream.KafkaConnection;
import org.enterprisebrain.analytics.sink.EsDocument;

/** OEE per machine and line, per hour and shift (ISO 22400-2), with downtime by reason and bottleneck. */
public final class OeeJob {

  private OeeJob() {
  }

  /**
   * @param calendars      the work calendars' versions (JSON), broadcast to every machine
   * @param routings       the routings' versions (JSON), broadcast to every work order
   * @param defaults       the plan where no calendar is
   * @param calendarsTopic read whole when the per-machine operator opens (at {@code kafka}); null: not read
   * @param routingsTopic  read whole when the per-work-order operator opens; null: not read
   */
  public static DataStream<EsDocument> build(DataStream<OeeInput> inputs, DataStream<String> calendars,
      DataStream<String> routings, String index, WorkCalendar defaults, long latenessMs, KafkaConnection kafka,
      String calendarsTopic, String routingsTopic) {
    // reports meet their work orders first, for their product's routing; states and master data go straight on
    DataStream<OeeInput> reports = inputs
        .filter(i -> i.kind() == OeeInput.Kind.REPORT || i.kind() == OeeInput.Kind.ORDER).name("oee-orders-and-reports")
        .keyBy(OeeInput::orderKey)
        .connect(routings.broadcast(ReportRouting.ROUTINGS))
        .process(new ReportRouting(kafka, routingsTopic)).name("oee-report-routing").uid("oee-report-routing");
    DataStream<OeeInput> machineInputs = inputs
        .filter(i -> i.kind() == OeeInput.Kind.STATE || i.kind() == OeeInput.Kind.MASTER).name("oee-states-and-masters")
        .union(reports);
    SingleOutputStreamOperator<EsDocument> machines = machineInputs
        .keyBy(OeeInput::key)
        .connect(calendars.broadcast(EquipmentOee.CALENDARS))
        .process(new EquipmentOee(index, defaults, latenessMs, kafka, calendarsTopic)).name("oee-per-equipment")
        .uid("oee-per-equipment");
    DataStream<EsDocument> lines = machines.getSideOutput(EquipmentOee.PERIODS)
        .keyBy(PeriodResult::lineKey)
        .process(new LineOee(index, latenessMs + 24 * EquipmentOee.HOUR)).name("oee-per-line").uid("oee-per-line");
    return machines.union(lines);
  }
}
