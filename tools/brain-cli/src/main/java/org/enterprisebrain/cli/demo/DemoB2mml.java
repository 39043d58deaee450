package org.enterprisebrain.cli.demo;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The demo MES's B2MML V0600 messages, as a MES sends them to the plant's integration layer: the production
 * schedule when a work order is released, the production performance (with the lots consumed and produced)
 * and the produced lot when it completes. Written with StAX, so every value is escaped as XML requires.
 */
public final class DemoB2mml {

  static final String NAMESPACE = "http://www.mesa.org/xml/B2MML-V0600";

  /** A document for the B2MML import: its name (for messages) and its XML. */
  public record Document(String name, String xml) {}

  /** One segment of a request or response: the operation, its machine, and the materials it uses. */
  /** @param person who worked the segment (an actual's PersonnelActual); null in a requirement */
  record Segment(String id, String equipment, String person, List<Material> materials) {}

  /** A material requirement or actual; lot may be null in a requirement. */
  record Material(String material, String use, BigDecimal quantity, String unit, String lot) {}

  private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

  private DemoB2mml() {
  }

  static Document schedule(String sender, String created, String request, String line, String start, String end,
      int priority, List<Segment> segments) {
    return write("SyncProductionSchedule-" + request, "SyncProductionSchedule", sender, created, w -> {
      w.writeStartElement("ProductionSchedule");
      element(w, "ID", "PS-" + request);
      w.writeStartElement("ProductionRequest");
      element(w, "ID", request);
      location(w, line);
      element(w, "StartTime", start);
      element(w, "EndTime", end);
      element(w, "Priority", Integer.toString(priority));
      for (Segment s : segments) {
        w.writeStartElement("SegmentRequirement");
        element(w, "ID", s.id());
        element(w, "ProcessSegmentID", s.id());
        location(w, s.equipment());
        materials(w, "MaterialRequirement", s.materials());
        w.writeEndElement();
      }
      element(w, "RequestState", "Released");
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  static Document performance(String sender, String created, String response, String request, String line,
      String start, String end, List<Segment> segments) {
    return write("SyncProductionPerformance-" + response, "SyncProductionPerformance", sender, created, w -> {
      w.writeStartElement("ProductionPerformance");
      element(w, "ID", "PP-" + response);
      w.writeStartElement("ProductionResponse");
      element(w, "ID", response);
      element(w, "ProductionRequestID", request);
      location(w, line);
      element(w, "StartTime", start);
      element(w, "EndTime", end);
      for (Segment s : segments) {
        w.writeStartElement("SegmentResponse");
        element(w, "ID", s.id());
        element(w, "ProcessSegmentID", s.id());
        if (s.person() != null) {
          w.writeStartElement("PersonnelActual");
          element(w, "PersonID", s.person());
          w.writeEndElement();
        }
        w.writeStartElement("EquipmentActual");
        element(w, "EquipmentID", s.equipment());
        w.writeEndElement();
        materials(w, "MaterialActual", s.materials());
        w.writeEndElement();
      }
      element(w, "ResponseState", "Completed");
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  static Document lot(String sender, String created, String lot, String material, BigDecimal quantity, String unit,
      String status, List<String> assembledFrom) {
    return write("SyncMaterialLot-" + lot, "SyncMaterialLot", sender, created, w -> {
      w.writeStartElement("MaterialLot");
      element(w, "ID", lot);
      element(w, "MaterialDefinitionID", material);
      element(w, "Status", status);
      quantity(w, quantity, unit);
      for (String from : assembledFrom) {
        element(w, "AssemblyLotID", from);
      }
      w.writeEndElement();
    });
  }

  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static Document write(String name, String root, String sender, String created, Body body) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter w = OUT.createXMLStreamWriter(text);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement(root);
      w.writeDefaultNamespace(NAMESPACE);
      w.writeAttribute("releaseID", "B2MML-V0600");
      w.writeStartElement("ApplicationArea");
      w.writeStartElement("Sender");
      element(w, "LogicalID", sender);
      w.writeEndElement();
      element(w, "CreationDateTime", created);
      w.writeEndElement();
      w.writeStartElement("DataArea");
      w.writeEmptyElement("Sync");
      body.write(w);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the demo could not write " + name, e);
    }
    return new Document(name, text.toString());
  }

  private static void materials(XMLStreamWriter w, String element, List<Material> materials) throws XMLStreamException {
    for (Material m : materials) {
      w.writeStartElement(element);
      element(w, "MaterialDefinitionID", m.material());
      if (m.lot() != null) {
        element(w, "MaterialLotID", m.lot());
      }
      element(w, "MaterialUse", m.use());
      quantity(w, m.quantity(), m.unit());
      w.writeEndElement();
    }
  }

  private static void quantity(XMLStreamWriter w, BigDecimal quantity, String unit) throws XMLStreamException {
    w.writeStartElement("Quantity");
    element(w, "QuantityString", quantity.toPlainString());
    element(w, "DataType", "decimal");
    element(w, "UnitOfMeasure", unit);
    w.writeEndElement();
  }

  private static void location(XMLStreamWriter w, String equipment) throws XMLStreamException {
    w.writeStartElement("Location");
    element(w, "EquipmentID", equipment);
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
