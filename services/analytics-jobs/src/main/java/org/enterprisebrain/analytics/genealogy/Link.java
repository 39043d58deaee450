package org.enterprisebrain.analytics.genealogy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.enterprisebrain.analytics.sink.EsDocument;
import org.enterprisebrain.analytics.stream.Envelope;

/**
 * One edge of a plant's genealogy, pointing the way material flows: what {@code from} is went into, made,
 * processed, inspected or carried what {@code to} is. A backward trace follows links against their direction, a
 * forward trace (a recall) along it. The id is what the link says, so every record repeating it (a resent
 * document, a replay, a second quality result of the same lot) overwrites one document.
 *
 * @param relation  consumed-into, assembled-into, split-into, issued-to, produced, processed, operated, inspected,
 *                  received, supplied, shipped, delivered
 * @param fromGrade the data grade (L1…L3) of the field {@code from} was read from, so a trace masks what the
 *                  caller's clearance does not cover
 * @param result    an inspection's judgement (pass, fail); null for other relations
 * @param record    the id of the record that stated the link (the trace's evidence)
 */
public record Link(String plant, String relation, Node from, Node to, String result, long at, String record) {

  /** A thing of the genealogy: its kind (lot, work-order, equipment, person, …), its id and its grade. */
  public record Node(String kind, String id, String grade) {

    /** The one key of a node in links and traces: kind and id (a lot and a work order may share a number). */
    public String key() {
      return kind + ':' + id;
    }
  }

  public String id() {
    return plant + '|' + relation + '|' + from.key() + '|' + to.key() + (result == null ? "" : '|' + result);
  }

  public EsDocument document(String index) {
    ObjectNode d = Envelope.JSON.createObjectNode().put("plant", plant).put("relation", relation)
        .put("fromKind", from.kind()).put("from", from.id()).put("fromKey", from.key()).put("fromGrade", from.grade())
        .put("toKind", to.kind()).put("to", to.id()).put("toKey", to.key()).put("toGrade", to.grade())
        .put("at", java.time.Instant.ofEpochMilli(at).toString()).put("record", record);
    if (result != null) {
      d.put("result", result).put("resultGrade", Links.RESULT);
    }
    return new EsDocument(index, id(), d.toString());
  }
}
