package org.enterprisebrain.analytics.genealogy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enterprisebrain.analytics.genealogy.Link.Node;
import org.enterprisebrain.analytics.stream.Envelope;
import org.enterprisebrain.analytics.stream.StandardSource;
import org.enterprisebrain.analytics.stream.TopicContract;

/**
 * The genealogy links one standard record states. Each record is read on its own (no state, no join): a
 * production performance links the lots it consumed to the lots it produced and names the order, machines and
 * people that made them; a lot names what it was assembled from; movements, purchase orders, shipments and
 * quality results link lots to orders, suppliers, customers and inspections. A trace joins them when asked.
 */
public record Links(String plant, String recordId, long at, Link[] links) implements StandardSource.Timed {

  public static final List<String> ENTITIES = List.of("production-performance", "material-lot", "inventory-movement",
      "purchase-order", "shipment", "quality-result");

  // the grade of every field a node is read from, as the standard classifies it (分类分级), so a trace masks by it
  static final String LOT = TopicContract.grade("material-lot", "lotId");
  static final String PERFORMANCE_LOT = TopicContract.grade("production-performance", "segments", "materials", "lot");
  static final String WORK_ORDER = TopicContract.grade("production-performance", "workOrder");
  static final String EQUIPMENT = TopicContract.grade("production-performance", "equipment");
  static final String SEGMENT_EQUIPMENT = TopicContract.grade("production-performance", "segments", "equipment");
  static final String PERSON = TopicContract.grade("production-performance", "segments", "personnel", "person");
  static final String ASSEMBLED_FROM = TopicContract.grade("material-lot", "assembledFrom");
  static final String PARENT_LOT = TopicContract.grade("material-lot", "parentLot");
  static final String MOVEMENT_LOT = TopicContract.grade("inventory-movement", "lot");
  static final String MOVEMENT_ORDER = TopicContract.grade("inventory-movement", "workOrder");
  static final String MOVEMENT_REFERENCE = TopicContract.grade("inventory-movement", "reference");
  static final String PURCHASE_ORDER = TopicContract.grade("purchase-order", "purchaseOrder");
  static final String SUPPLIER = TopicContract.grade("purchase-order", "supplier");
  static final String SHIPMENT = TopicContract.grade("shipment", "shipmentId");
  static final String CUSTOMER = TopicContract.grade("shipment", "customer");
  static final String SHIPPED_LOT = TopicContract.grade("shipment", "lines", "lot");
  static final String CHARACTERISTIC = TopicContract.grade("quality-result", "characteristic");
  static final String INSPECTED_LOT = TopicContract.grade("quality-result", "lot");
  /** An inspection's judgement is graded too (L2): the link carries it, the trace masks it by this grade. */
  public static final String RESULT = TopicContract.grade("quality-result", "result");

  public static Links from(String topic, JsonNode envelope) {
    JsonNode p = envelope.path("payload");
    String plant = Envelope.text(envelope, "plant");
    String id = Envelope.text(envelope, "id");
    long at = Envelope.millis(envelope.get("occurredAt"));
    List<Link> links = new ArrayList<>();
    Stated stated = (relation, from, to, result) -> links.add(new Link(plant, relation, from, to, result, at, id));
    switch (envelope.path("entity").asText()) {
      case "production-performance" -> performance(p, stated);
      case "material-lot" -> lot(p, stated);
      case "inventory-movement" -> movement(p, stated);
      case "purchase-order" -> {
        if (p.hasNonNull("supplier")) {
          stated.link("supplied", new Node("supplier", p.get("supplier").asText(), SUPPLIER),
              new Node("purchase-order", p.get("purchaseOrder").asText(), PURCHASE_ORDER), null);
        }
      }
      case "shipment" -> shipment(p, stated);
      case "quality-result" -> inspection(p, stated);
      default -> {
        return null;
      }
    }
    return links.isEmpty() ? null : new Links(plant, id, at, links.toArray(Link[]::new));
  }

  @FunctionalInterface
  private interface Stated {
    void link(String relation, Node from, Node to, String result);
  }

  /**
   * The lots a response consumed went into the lots it produced: those of the same segment when the segment
   * produced any, else every lot the response produced (materials are often consumed at the first operation and
   * the product booked at the last). The order, the machines and the people made every produced lot.
   */
  private static void performance(JsonNode p, Stated stated) {
    Set<Node> produced = new LinkedHashSet<>();
    List<Segment> segments = new ArrayList<>();
    // who made the lots, with the relation each states: the order, the line and segments' machines, their people
    Map<Node, String> makers = new LinkedHashMap<>();
    String order = Envelope.text(p, "workOrder") != null ? Envelope.text(p, "workOrder")
        : Envelope.text(p, "productionRequest");
    if (order != null) {
      makers.put(new Node("work-order", order, WORK_ORDER), "produced");
    }
    if (p.hasNonNull("equipment")) {
      makers.put(new Node("equipment", p.get("equipment").asText(), EQUIPMENT), "processed");
    }
    for (JsonNode s : p.path("segments")) {
      Segment segment = new Segment(new ArrayList<>(), new ArrayList<>());
      for (JsonNode m : s.path("materials")) {
        Node lot = materialLot(m);
        String use = m.path("use").asText();
        if (lot != null && use.equals("produced")) {
          segment.produced().add(lot);
        } else if (lot != null && (use.equals("consumed") || use.equals("consumable"))) {
          segment.consumed().add(lot);
        }
      }
      produced.addAll(segment.produced());
      segments.add(segment);
      if (s.hasNonNull("equipment")) {
        makers.putIfAbsent(new Node("equipment", s.get("equipment").asText(), SEGMENT_EQUIPMENT), "processed");
      }
      for (JsonNode person : s.path("personnel")) {
        makers.putIfAbsent(new Node("person", person.path("person").asText(), PERSON), "operated");
      }
    }
    for (Segment segment : segments) {
      for (Node consumed : segment.consumed()) {
        for (Node made : segment.produced().isEmpty() ? produced : segment.produced()) {
          if (!consumed.equals(made)) {
            stated.link("consumed-into", consumed, made, null);
          }
        }
      }
    }
    makers.forEach((maker, relation) -> produced.forEach(lot -> stated.link(relation, maker, lot, null)));
  }

  /** The lots one segment response consumed and produced. */
  private record Segment(List<Node> consumed, List<Node> produced) {
  }

  /** A material actual's lot: its sub-lot when it names one (the finer unit), else its lot; null without either. */
  private static Node materialLot(JsonNode m) {
    String id = m.hasNonNull("subLot") ? m.get("subLot").asText() : Envelope.text(m, "lot");
    return id == null ? null : new Node("lot", id, PERFORMANCE_LOT);
  }

  private static void lot(JsonNode p, Stated stated) {
    Node lot = new Node("lot", p.path("lotId").asText(), LOT);
    for (JsonNode part : p.path("assembledFrom")) {
      stated.link("assembled-into", new Node("lot", part.asText(), ASSEMBLED_FROM), lot, null);
    }
    if (p.hasNonNull("parentLot")) {
      stated.link("split-into", new Node("lot", p.get("parentLot").asText(), PARENT_LOT), lot, null);
    }
  }

  /**
   * Receipts from production link the order to the lot, receipts from a supplier the purchase order (the
   * movement's reference); issues link the lot to the order it was issued to; shipments the lot to the delivery
   * note. Transfers and adjustments move a lot without changing what it is made of.
   */
  private static void movement(JsonNode p, Stated stated) {
    if (!p.hasNonNull("lot")) {
      return;
    }
    Node lot = new Node("lot", p.get("lot").asText(), MOVEMENT_LOT);
    String order = Envelope.text(p, "workOrder");
    String reference = Envelope.text(p, "reference");
    switch (p.path("kind").asText()) {
      case "receipt" -> {
        if (order != null) {
          stated.link("produced", new Node("work-order", order, MOVEMENT_ORDER), lot, null);
        } else if (reference != null) {
          stated.link("received", new Node("purchase-order", reference, MOVEMENT_REFERENCE), lot, null);
        }
      }
      case "issue" -> {
        if (order != null) {
          stated.link("issued-to", lot, new Node("work-order", order, MOVEMENT_ORDER), null);
        }
      }
      case "shipment" -> {
        if (reference != null) {
          stated.link("shipped", lot, new Node("shipment", reference, MOVEMENT_REFERENCE), null);
        }
      }
      default -> {
      }
    }
  }

  private static void shipment(JsonNode p, Stated stated) {
    Node shipment = new Node("shipment", p.path("shipmentId").asText(), SHIPMENT);
    for (JsonNode line : p.path("lines")) {
      if (line.hasNonNull("lot")) {
        stated.link("shipped", new Node("lot", line.get("lot").asText(), SHIPPED_LOT), shipment, null);
      }
    }
    stated.link("delivered", shipment, new Node("customer", p.path("customer").asText(), CUSTOMER), null);
  }

  /**
   * A lot's inspection per characteristic and judgement: the judgement sent, or for a measurement whether it lies
   * within its specification limits; a measurement without limits is "measured".
   */
  private static void inspection(JsonNode p, Stated stated) {
    if (!p.hasNonNull("lot")) {
      return;
    }
    String result = Envelope.text(p, "result");
    if (result == null) {
      double value = Envelope.number(p, "value");
      double lsl = Envelope.number(p, "lsl");
      double usl = Envelope.number(p, "usl");
      if (Double.isNaN(lsl) && Double.isNaN(usl)) {
        result = "measured";
      } else {
        result = (Double.isNaN(lsl) || value >= lsl) && (Double.isNaN(usl) || value <= usl) ? "pass" : "fail";
      }
    }
    stated.link("inspected", new Node("characteristic", p.path("characteristic").asText(), CHARACTERISTIC),
        new Node("lot", p.get("lot").asText(), INSPECTED_LOT), result);
  }
}
