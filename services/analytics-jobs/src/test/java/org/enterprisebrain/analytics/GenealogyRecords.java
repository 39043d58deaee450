package org.enterprisebrain.analytics;

import static org.enterprisebrain.analytics.AnalyticsJobsIT.H0;
import static org.enterprisebrain.analytics.AnalyticsJobsIT.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.TopicContract;

/**
 * A plant's lots over four levels of assembly, as its systems report them, and the links the genealogy job must
 * make of them (worked out by hand from the records, below each record).
 *
 * <pre>
 * SUP-9 → PO-7 → R-1 ─┐ WO-11 (L1: M1, M2; E-1001)
 *                     C-1 ─┐
 * SUP-5 → PO-8 → R-2 ─ C-2 ─ S-1 → WO-13 → F-1 ─ F-1.1 → DN-1 → CUST-A
 *                      WO-12 (M3)              └ F-1.2 → DN-2 → CUST-B
 *         R-3 ─ C-3 (WO-14, unrelated)
 * </pre>
 */
final class GenealogyRecords {

  /** relation|fromKind:from|toKind:to[|result], the id of each link without the plant. */
  static final List<String> LINKS = List.of(
      "supplied|supplier:SUP-9|purchase-order:PO-7",
      "supplied|supplier:SUP-5|purchase-order:PO-8",
      "received|purchase-order:PO-7|lot:R-1",
      "received|purchase-order:PO-8|lot:R-2",
      "consumed-into|lot:R-1|lot:C-1",
      "produced|work-order:WO-11|lot:C-1",
      "processed|equipment:L1|lot:C-1",
      "processed|equipment:M1|lot:C-1",
      "processed|equipment:M2|lot:C-1",
      "operated|person:E-1001|lot:C-1",
      "consumed-into|lot:R-2|lot:C-2",
      "produced|work-order:WO-12|lot:C-2",
      "processed|equipment:M3|lot:C-2",
      "consumed-into|lot:R-3|lot:C-3",
      "produced|work-order:WO-14|lot:C-3",
      "assembled-into|lot:C-1|lot:S-1",
      "assembled-into|lot:C-2|lot:S-1",
      "issued-to|lot:S-1|work-order:WO-13",
      "produced|work-order:WO-13|lot:F-1",
      "split-into|lot:F-1|lot:F-1.1",
      "split-into|lot:F-1|lot:F-1.2",
      "shipped|lot:F-1.1|shipment:DN-1",
      "delivered|shipment:DN-1|customer:CUST-A",
      "shipped|lot:F-1.2|shipment:DN-2",
      "delivered|shipment:DN-2|customer:CUST-B",
      "inspected|characteristic:BORE|lot:C-1|pass",
      "inspected|characteristic:BORE|lot:C-1|fail",
      "inspected|characteristic:FINAL|lot:F-1|pass");

  private GenealogyRecords() {
  }

  static List<ProducerRecord<String, String>> plant() {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    records.add(order("PO-7", "SUP-9"));
    records.add(order("PO-8", "SUP-5"));
    records.add(movement("MV-1", "receipt", "R-1", null, "PO-7"));
    records.add(movement("MV-2", "receipt", "R-2", null, "PO-8"));
    // machining: R-1 consumed at the first operation on M1 by E-1001, C-1 booked at the last on M2
    ObjectNode wo11 = performance("WO-11", "L1").put("quantity", 96).put("unit", "PCS")
        .put("start", H0.plusSeconds(600).toString()).put("end", H0.plusSeconds(3 * 3600).toString());
    ObjectNode first = segment(wo11, "10", "M1");
    first.putArray("personnel").addObject().put("person", "E-1001");
    material(first, "consumed", "R-1");
    material(segment(wo11, "20", "M2"), "produced", "C-1");
    records.add(record("production-performance", "PR-11", 10, wo11));
    ObjectNode wo12 = performance("WO-12", null);
    ObjectNode only = segment(wo12, "10", "M3");
    material(only, "consumed", "R-2");
    material(only, "produced", "C-2");
    records.add(record("production-performance", "PR-12", 20, wo12));
    ObjectNode wo14 = performance("WO-14", null);
    ObjectNode other = segment(wo14, "10", null);
    material(other, "consumed", "R-3");
    material(other, "produced", "C-3");
    records.add(record("production-performance", "PR-14", 25, wo14));
    ObjectNode s1 = lot("S-1", "lot", null);
    s1.putArray("assembledFrom").add("C-1").add("C-2");
    records.add(record("material-lot", "LOT-S-1", 30, s1));
    records.add(movement("MV-3", "issue", "S-1", "WO-13", null));
    records.add(movement("MV-4", "receipt", "F-1", "WO-13", null));
    records.add(record("material-lot", "LOT-F-1.1", 50, lot("F-1.1", "sub-lot", "F-1")));
    records.add(record("material-lot", "LOT-F-1.2", 50, lot("F-1.2", "sub-lot", "F-1")));
    records.add(shipment("DN-1", "CUST-A", "F-1.1"));
    records.add(shipment("DN-2", "CUST-B", "F-1.2"));
    // inspections by judgement only (no value: the SPC job charts none of them); two of C-1's bore, one failed
    records.add(inspection("QR-1", "C-1", "BORE", "pass"));
    records.add(inspection("QR-2", "C-1", "BORE", "fail"));
    records.add(inspection("QR-3", "C-1", "BORE", "pass"));
    records.add(inspection("QR-4", "F-1", "FINAL", "pass"));
    // a lot without a work order, equipment or lots does not link anything
    records.add(record("material-lot", "LOT-R-1", 5, lot("R-1", "lot", null)));
    // the plan of WO-11 (100 due at 12:00 Shanghai), revised: the first version (120) arrives after the revision
    records.add(schedule("PS-11-v2", -60, 100));
    records.add(schedule("PS-11-v1", -120, 120));
    // a second response of WO-11 after the planned end: 96 + 2 made, late
    records.add(record("production-performance", "PR-11-2", 300, Envelope.JSON.createObjectNode()
        .put("productionResponse", "WO-11-R2").put("workOrder", "WO-11").put("quantity", 2).put("unit", "PCS")
        .put("start", H0.plusSeconds(4 * 3600).toString()).put("end", H0.plusSeconds(5 * 3600).toString())
        .put("state", "Completed")));
    return records;
  }

  private static ProducerRecord<String, String> schedule(String id, int minute, int quantity) {
    return record("production-schedule", id, minute, Envelope.JSON.createObjectNode().put("productionRequest", "WO-11")
        .put("workOrder", "WO-11").put("product", "P-100").put("quantity", quantity).put("unit", "PCS")
        .put("equipment", "L1").put("plannedStart", H0.toString()).put("plannedEnd", H0.plusSeconds(4 * 3600).toString())
        .put("state", "Released"));
  }

  private static ProducerRecord<String, String> record(String entity, String id, int minute, ObjectNode payload) {
    return envelope(TopicContract.standard(entity), entity, id, H0.plusSeconds(minute * 60L), payload);
  }

  private static ProducerRecord<String, String> order(String order, String supplier) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("purchaseOrder", order).put("supplier", supplier)
        .put("status", "released");
    p.putArray("lines").addObject().put("line", 10).put("material", "1000456").put("quantity", 100).put("unit", "PCS");
    return record("purchase-order", order, 0, p);
  }

  private static ProducerRecord<String, String> movement(String id, String kind, String lot, String workOrder,
      String reference) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("movementId", id).put("material", "M").put("quantity", 10)
        .put("unit", "PCS").put("kind", kind).put("lot", lot);
    if (workOrder != null) {
      p.put("workOrder", workOrder);
    }
    if (reference != null) {
      p.put("reference", reference);
    }
    return record("inventory-movement", id, 40, p);
  }

  private static ObjectNode performance(String workOrder, String equipment) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("productionResponse", workOrder + "-R").put("workOrder", workOrder);
    if (equipment != null) {
      p.put("equipment", equipment);
    }
    p.putArray("segments");
    return p;
  }

  private static ObjectNode segment(ObjectNode performance, String id, String equipment) {
    ObjectNode s = ((ArrayNode) performance.get("segments")).addObject().put("segment", id);
    if (equipment != null) {
      s.put("equipment", equipment);
    }
    return s;
  }

  private static void material(ObjectNode segment, String use, String lot) {
    ArrayNode materials = segment.has("materials") ? (ArrayNode) segment.get("materials") : segment.putArray("materials");
    materials.addObject().put("material", "M").put("use", use).put("quantity", 10).put("unit", "PCS").put("lot", lot);
  }

  private static ObjectNode lot(String id, String kind, String parent) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("lotId", id).put("kind", kind);
    if (parent != null) {
      p.put("parentLot", parent);
    }
    return p;
  }

  private static ProducerRecord<String, String> shipment(String id, String customer, String lot) {
    ObjectNode p = Envelope.JSON.createObjectNode().put("shipmentId", id).put("customer", customer)
        .put("status", "shipped");
    p.putArray("lines").addObject().put("material", "P").put("lot", lot).put("quantity", 5).put("unit", "PCS");
    return record("shipment", id, 60, p);
  }

  private static ProducerRecord<String, String> inspection(String id, String lot, String characteristic,
      String result) {
    return record("quality-result", id, 45, Envelope.JSON.createObjectNode().put("characteristic", characteristic)
        .put("product", "P").put("lot", lot).put("result", result));
  }
}
