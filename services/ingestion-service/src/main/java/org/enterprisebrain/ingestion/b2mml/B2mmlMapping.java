package org.enterprisebrain.ingestion.b2mml;

import static org.enterprisebrain.ingestion.b2mml.B2mml.each;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * B2MML nouns onto records of the data standard, one record per production request, production response,
 * material definition, lot, sub-lot, equipment and person, each with the element it came from. The table in
 * services/ingestion-service/README.md ("B2MML import") is this class in words; keep the two together.
 *
 * <p>Values are carried over as sent: a quantity that is not a number or a time that is not a date-time
 * stays text, so the data standard refuses that record with the field named, not the whole document.
 */
public final class B2mmlMapping {

  /** One standard record made from one B2MML element. */
  public record Mapped(String entity, String element, String key, ObjectNode payload, String occurredAt) {
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** B2MML's EquipmentElementLevel onto the standard's six levels. */
  private static final Map<String, String> LEVELS = Map.ofEntries(
      Map.entry("Enterprise", "enterprise"), Map.entry("Site", "site"), Map.entry("Area", "area"),
      Map.entry("ProcessCell", "line"), Map.entry("ProductionLine", "line"), Map.entry("ProductionUnit", "line"),
      Map.entry("StorageZone", "line"), Map.entry("WorkCenter", "workcell"), Map.entry("WorkCell", "workcell"),
      Map.entry("Unit", "unit"), Map.entry("WorkUnit", "unit"), Map.entry("StorageUnit", "unit"),
      Map.entry("EquipmentModule", "unit"), Map.entry("ControlModule", "unit"));

  private final ZoneId zone;
  private final List<Mapped> out = new ArrayList<>();
  private final String documentTime;

  private B2mmlMapping(ZoneId zone, String documentTime) {
    this.zone = zone;
    this.documentTime = documentTime;
  }

  /**
   * @param zone the zone of date-times sent without an offset (xsd:dateTime allows them; the standard does not)
   */
  public static List<Mapped> map(B2mmlReader.Parsed parsed, ZoneId zone) {
    String created = parsed.applicationArea() == null ? null : parsed.applicationArea().creationDateTime();
    B2mmlMapping mapping = new B2mmlMapping(zone, created);
    String base = parsed.verb() == null ? "" : "/" + parsed.root() + "/DataArea";
    boolean bare = parsed.verb() == null;
    List<?> elements = parsed.elements();
    for (int i = 0; i < elements.size(); i++) {
      String at = bare ? "/" + parsed.root() : base + "/" + parsed.noun() + "[" + (i + 1) + "]";
      Object e = elements.get(i);
      switch (parsed.noun()) {
        case "ProductionSchedule" -> mapping.schedule((B2mml.ProductionSchedule) e, at, "ProductionRequest");
        case "OperationsSchedule" -> mapping.schedule((B2mml.ProductionSchedule) e, at, "OperationsRequest");
        case "ProductionPerformance" -> mapping.performance((B2mml.ProductionPerformance) e, at, "ProductionResponse");
        case "OperationsPerformance" -> mapping.performance((B2mml.ProductionPerformance) e, at, "OperationsResponse");
        case "MaterialDefinition" -> mapping.material((B2mml.MaterialDefinition) e, at, null);
        case "MaterialInformation" -> mapping.information((B2mml.MaterialInformation) e, at);
        case "MaterialLot" -> mapping.lot((B2mml.MaterialLot) e, at, null);
        case "MaterialSubLot" -> mapping.subLot((B2mml.MaterialSubLot) e, at, null, null);
        case "Equipment" -> mapping.equipment((B2mml.Equipment) e, at, null);
        case "Person" -> mapping.person((B2mml.Person) e, at);
        default -> throw new IllegalArgumentException("not a mapped noun: " + parsed.noun());
      }
    }
    return List.copyOf(mapping.out);
  }

  /** MaterialInformation holds definitions, lots and sub-lots: each as if sent on its own. */
  private void information(B2mml.MaterialInformation info, String at) {
    int j = 0;
    for (B2mml.MaterialDefinition d : each(info.materialDefinitions())) {
      material(d, at + "/MaterialDefinition[" + ++j + "]", info.publishedDate());
    }
    j = 0;
    for (B2mml.MaterialLot lot : each(info.materialLots())) {
      lot(lot, at + "/MaterialLot[" + ++j + "]", info.publishedDate());
    }
    j = 0;
    for (B2mml.MaterialSubLot sub : each(info.materialSubLots())) {
      subLot(sub, at + "/MaterialSubLot[" + ++j + "]", null, info.publishedDate());
    }
  }

  private void schedule(B2mml.ProductionSchedule schedule, String at, String requestElement) {
    production(schedule.operationsType(), at);
    int i = 0;
    for (B2mml.ProductionRequest request : each(schedule.productionRequests())) {
      String element = at + "/" + requestElement + "[" + ++i + "]";
      production(request.operationsType(), element);
      ObjectNode p = NODES.objectNode();
      String id = B2mml.Text.of(request.id());
      put(p, "productionRequest", id);
      put(p, "schedule", B2mml.Text.of(schedule.id()));
      ArrayNode segments = NODES.arrayNode();
      int j = 0;
      for (B2mml.SegmentRequirement s : each(request.segmentRequirements())) {
        requirement(s, null, ++j, segments);
      }
      ObjectNode produced = firstProduced(segments);
      if (produced != null) {
        copy(produced, p, "material", "product");
        copy(produced, p, "quantity", "quantity");
        copy(produced, p, "unit", "unit");
      }
      put(p, "equipment", equipmentOf(request.location(), request.hierarchyScope()));
      putTime(p, "plannedStart", first(request.startTime(), schedule.startTime()));
      putTime(p, "plannedEnd", first(request.endTime(), schedule.endTime()));
      putInteger(p, "priority", request.priority());
      put(p, "state", request.requestState());
      setIfAny(p, "segments", segments);
      emit("production-schedule", element, id, p, schedule.publishedDate());
    }
  }

  private void requirement(B2mml.SegmentRequirement s, String parent, int n, ArrayNode segments) {
    ObjectNode segment = segmentHead(s.id(), s.processSegmentId(), parent, n, equipmentOf(s.location(),
        s.hierarchyScope()), s.equipmentRequirements(), s.earliestStartTime(), s.latestEndTime());
    String id = segment.path("segment").asString();
    ArrayNode materials = NODES.arrayNode();
    materials(s.materialRequirements(), null, true, materials);
    materials(s.materialProducedRequirements(), "produced", true, materials);
    materials(s.materialConsumedRequirements(), "consumed", true, materials);
    setIfAny(segment, "materials", materials);
    ArrayNode parameters = NODES.arrayNode();
    for (B2mml.ProductionParameter pp : each(s.productionParameters())) {
      properties(pp.parameters(), parameters);
    }
    properties(s.segmentParameters(), parameters);
    setIfAny(segment, "parameters", parameters);
    segments.add(segment);
    int j = 0;
    for (B2mml.SegmentRequirement child : each(s.segmentRequirements())) {
      requirement(child, id, ++j, segments);
    }
  }

  private void performance(B2mml.ProductionPerformance performance, String at, String responseElement) {
    production(performance.operationsType(), at);
    int i = 0;
    for (B2mml.ProductionResponse response : each(performance.productionResponses())) {
      String element = at + "/" + responseElement + "[" + ++i + "]";
      production(response.operationsType(), element);
      ObjectNode p = NODES.objectNode();
      String id = B2mml.Text.of(response.id());
      put(p, "productionResponse", id);
      put(p, "productionRequest", B2mml.Text.of(response.productionRequestId()));
      put(p, "performance", B2mml.Text.of(performance.id()));
      ArrayNode segments = NODES.arrayNode();
      int j = 0;
      for (B2mml.SegmentResponse s : each(response.segmentResponses())) {
        response(s, null, ++j, segments);
      }
      ObjectNode produced = firstProduced(segments);
      if (produced != null) {
        copy(produced, p, "material", "product");
        producedQuantity(segments, produced, p);
      }
      put(p, "equipment", equipmentOf(response.location(), response.hierarchyScope()));
      putTime(p, "start", first(response.startTime(), performance.startTime()));
      putTime(p, "end", first(response.endTime(), performance.endTime()));
      put(p, "state", response.responseState());
      setIfAny(p, "segments", segments);
      emit("production-performance", element, id, p, first(response.endTime(), response.startTime(),
          performance.endTime(), performance.publishedDate()));
    }
  }

  private void response(B2mml.SegmentResponse s, String parent, int n, ArrayNode segments) {
    ObjectNode segment = segmentHead(s.id(), s.processSegmentId(), parent, n, equipmentOf(s.location(),
        s.hierarchyScope()), s.equipmentActuals(), s.actualStartTime(), s.actualEndTime());
    String id = segment.path("segment").asString();
    ArrayNode personnel = NODES.arrayNode();
    for (B2mml.PersonnelActual person : each(s.personnelActuals())) {
      for (B2mml.Text named : each(person.personIds())) {
        String personId = B2mml.Text.of(named);
        if (personId != null) {
          personnel.addObject().put("person", personId);
        }
      }
    }
    setIfAny(segment, "personnel", personnel);
    ArrayNode materials = NODES.arrayNode();
    materials(s.materialActuals(), null, false, materials);
    materials(s.materialProducedActuals(), "produced", false, materials);
    materials(s.materialConsumedActuals(), "consumed", false, materials);
    setIfAny(segment, "materials", materials);
    ArrayNode parameters = NODES.arrayNode();
    properties(s.productionData(), parameters);
    properties(s.segmentData(), parameters);
    setIfAny(segment, "parameters", parameters);
    segments.add(segment);
    int j = 0;
    for (B2mml.SegmentResponse child : each(s.segmentResponses())) {
      response(child, id, ++j, segments);
    }
  }

  /**
   * What a segment requirement and a segment response share: its id (else its process segment, else its
   * position under its parent), where and when.
   */
  private ObjectNode segmentHead(B2mml.Text id, B2mml.Text processSegment, String parent, int n, String location,
      List<B2mml.EquipmentUse> equipment, String start, String end) {
    ObjectNode segment = NODES.objectNode();
    put(segment, "segment", first(B2mml.Text.of(id), B2mml.Text.of(processSegment),
        (parent == null ? "" : parent + ".") + n));
    put(segment, "processSegment", B2mml.Text.of(processSegment));
    put(segment, "parent", parent);
    put(segment, "equipment", first(location, each(equipment).isEmpty() ? null
        : B2mml.Text.first(equipment.get(0).equipmentIds())));
    putTime(segment, "start", start);
    putTime(segment, "end", end);
    return segment;
  }

  private static void setIfAny(ObjectNode node, String field, ArrayNode items) {
    if (!items.isEmpty()) {
      node.set(field, items);
    }
  }

  private void materials(List<B2mml.MaterialUse> uses, String impliedUse, boolean requirement, ArrayNode into) {
    for (B2mml.MaterialUse use : each(uses)) {
      ObjectNode m = into.addObject();
      put(m, "material", B2mml.Text.first(use.materialDefinitionIds()));
      m.put("use", useOf(first(impliedUse, use.materialUse())));
      B2mml.Quantity quantity = each(use.quantities()).isEmpty() ? null : use.quantities().get(0);
      if (quantity != null) {
        putNumber(m, "quantity", quantity.quantityString());
        put(m, "unit", quantity.unitOfMeasure());
      }
      put(m, "lot", B2mml.Text.first(use.materialLotIds()));
      put(m, "subLot", B2mml.Text.first(use.materialSubLotIds()));
      put(m, "equipment", equipmentOf(use.location(), use.hierarchyScope()));
      ArrayNode properties = NODES.arrayNode();
      properties(requirement ? use.requirementProperties() : use.actualProperties(), properties);
      setIfAny(m, "properties", properties);
    }
  }

  /**
   * V0600's Operations… nouns carry production, maintenance, quality and inventory operations alike; only
   * production (and mixed) operations are plans and actuals of production. The others are refused by name
   * rather than filed as production.
   */
  private static void production(String operationsType, String element) {
    if (operationsType != null && !operationsType.isBlank()
        && !List.of("Production", "Mixed").contains(operationsType.strip())) {
      throw B2mmlReader.refused(element + "/OperationsType", "OperationsType '" + operationsType.strip()
          + "' is not imported: only Production and Mixed operations are production schedules and performance");
    }
  }

  /** ISA-95 MaterialUse (Consumed, ReplacedAsset …) as the standard's kebab-case; absent is "other". */
  static String useOf(String materialUse) {
    if (materialUse == null || materialUse.isBlank()) {
      return "other";
    }
    return kebab(materialUse);
  }

  /** "ReplacedAsset", "Replaced Asset", "replaced_asset" → "replaced-asset". */
  static String kebab(String text) {
    return text.strip().replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("[\\s_]+", "-").toLowerCase(Locale.ROOT);
  }

  private static ObjectNode firstProduced(ArrayNode segments) {
    for (var segment : segments) {
      for (var material : segment.path("materials")) {
        if ("produced".equals(material.path("use").asString()) && material.has("material")) {
          return (ObjectNode) material;
        }
      }
    }
    return null;
  }

  /** The product's quantity made: its produced actuals summed, when all are numbers in one unit. */
  private static void producedQuantity(ArrayNode segments, ObjectNode product, ObjectNode into) {
    BigDecimal sum = BigDecimal.ZERO;
    String unit = product.path("unit").asString(null);
    for (var segment : segments) {
      for (var material : segment.path("materials")) {
        if ("produced".equals(material.path("use").asString())
            && product.path("material").equals(material.path("material"))) {
          if (!material.path("quantity").isNumber() || !java.util.Objects.equals(unit, material.path("unit").asString(null))) {
            return;
          }
          sum = sum.add(material.path("quantity").decimalValue(), MathContext.DECIMAL128);
        }
      }
    }
    into.put("quantity", sum);
    put(into, "unit", unit);
  }

  private void material(B2mml.MaterialDefinition d, String element, String published) {
    ObjectNode p = NODES.objectNode();
    String id = B2mml.Text.of(d.id());
    put(p, "materialId", id);
    put(p, "name", clean(first(B2mml.Text.first(d.descriptions()), id), 128));
    Map<String, List<String>> properties = propertyValues(d.properties());
    List<String> type = properties.remove("MaterialType");
    p.put("type", type == null ? "other" : kebab(type.get(0)));
    List<String> unit = properties.remove("BaseUnitOfMeasure");
    put(p, "baseUnit", unit == null ? null : unit.get(0));
    put(p, "materialGroup", B2mml.Text.first(d.materialClassIds()));
    extensions(p, properties);
    emit("material", element, id, p, published);
  }

  private void lot(B2mml.MaterialLot lot, String element, String published) {
    String id = B2mml.Text.of(lot.id());
    ObjectNode p = lotRecord(id, "lot", B2mml.Text.of(lot.materialDefinitionId()), lot.descriptions(), lot.status(),
        lot.quantities(), lot.storageLocation(), lot.location(), lot.assemblyLotIds(), lot.assemblySubLotIds(),
        lot.properties());
    // a lot element that only names the lot its sub-lots belong to says nothing of the lot itself (one
    // without an ID but with something to say is a record, which the standard then refuses naming lotId)
    boolean saysSomething = p.properties().stream().anyMatch(f -> !f.getKey().equals("lotId") && !f.getKey().equals("kind"));
    if (saysSomething || id == null || each(lot.materialSubLots()).isEmpty()) {
      emit("material-lot", element, id, p, published);
    }
    int i = 0;
    for (B2mml.MaterialSubLot sub : each(lot.materialSubLots())) {
      subLot(sub, element + "/MaterialSubLot[" + ++i + "]", id, published);
    }
  }

  private void subLot(B2mml.MaterialSubLot sub, String element, String parent, String published) {
    String id = B2mml.Text.of(sub.id());
    List<B2mml.Property> properties = new ArrayList<>(each(sub.properties()));
    properties.addAll(each(sub.propertiesV0401()));
    ObjectNode p = lotRecord(id, "sub-lot", null, sub.descriptions(), sub.status(), sub.quantities(),
        sub.storageLocation(), sub.location(), sub.assemblyLotIds(), sub.assemblySubLotIds(), properties);
    put(p, "parentLot", first(parent, B2mml.Text.of(sub.materialLotId())));
    emit("material-lot", element, id, p, published);
    int i = 0;
    for (B2mml.MaterialSubLot child : each(sub.materialSubLots())) {
      subLot(child, element + "/MaterialSubLot[" + ++i + "]", id, published);
    }
  }

  /** A lot's or sub-lot's own fields: what the two elements share. */
  private static ObjectNode lotRecord(String id, String kind, String material, List<B2mml.Text> descriptions,
      String status, List<B2mml.Quantity> quantities, B2mml.Text storage, B2mml.Location location,
      List<B2mml.Text> assemblyLots, List<B2mml.Text> assemblySubLots, List<B2mml.Property> properties) {
    ObjectNode p = NODES.objectNode();
    put(p, "lotId", id);
    p.put("kind", kind);
    put(p, "material", material);
    put(p, "description", clean(B2mml.Text.first(descriptions), 256));
    put(p, "status", status);
    quantity(p, quantities);
    put(p, "location", first(B2mml.Text.of(storage), equipmentOf(location, null)));
    assembly(p, assemblyLots, assemblySubLots);
    ArrayNode items = NODES.arrayNode();
    properties(properties, items);
    setIfAny(p, "properties", items);
    return p;
  }

  private void equipment(B2mml.Equipment e, String element, String parent) {
    String id = B2mml.Text.of(e.id());
    ObjectNode p = NODES.objectNode();
    put(p, "equipmentId", id);
    put(p, "name", clean(first(B2mml.Text.first(e.descriptions()), id), 128));
    String sent = B2mml.Text.of(e.equipmentLevel());
    String level = sent == null ? null : LEVELS.getOrDefault(sent, sent);
    put(p, "level", level);
    put(p, "parent", parent);
    put(p, "type", B2mml.Text.first(e.equipmentClassIds()));
    emit("equipment", element, id, p, null);
    int i = 0;
    for (B2mml.Equipment child : each(e.children())) {
      equipment(child, element + "/Equipment[" + ++i + "]", id);
    }
  }

  private void person(B2mml.Person person, String element) {
    String id = B2mml.Text.of(person.id());
    ObjectNode p = NODES.objectNode();
    put(p, "employeeId", id);
    put(p, "name", clean(first(B2mml.Text.of(person.personName()), B2mml.Text.first(person.descriptions()), id), 64));
    put(p, "role", B2mml.Text.first(person.personnelClassIds()));
    emit("employee", element, id, p, null);
  }

  private void emit(String entity, String element, String key, ObjectNode payload, String time) {
    out.add(new Mapped(entity, element, key, payload, normalized(first(time, documentTime))));
  }

  private static void quantity(ObjectNode p, List<B2mml.Quantity> quantities) {
    if (!each(quantities).isEmpty()) {
      putNumber(p, "quantity", quantities.get(0).quantityString());
      put(p, "unit", quantities.get(0).unitOfMeasure());
    }
  }

  private static void assembly(ObjectNode p, List<B2mml.Text> lots, List<B2mml.Text> subLots) {
    ArrayNode from = NODES.arrayNode();
    for (B2mml.Text t : each(lots)) {
      if (B2mml.Text.of(t) != null) {
        from.add(B2mml.Text.of(t));
      }
    }
    for (B2mml.Text t : each(subLots)) {
      if (B2mml.Text.of(t) != null) {
        from.add(B2mml.Text.of(t));
      }
    }
    setIfAny(p, "assembledFrom", from);
  }

  private static void properties(List<B2mml.Property> properties, ArrayNode into) {
    for (B2mml.Property property : each(properties)) {
      String name = B2mml.Text.of(property.id());
      if (name == null) {
        continue;
      }
      for (B2mml.Value value : each(property.values()).isEmpty() ? List.of(new B2mml.Value(null, null))
          : property.values()) {
        ObjectNode o = into.addObject();
        o.put("name", name);
        put(o, "value", value.valueString());
        put(o, "unit", value.unitOfMeasure());
      }
    }
  }

  private static Map<String, List<String>> propertyValues(List<B2mml.Property> properties) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (B2mml.Property property : each(properties)) {
      String name = B2mml.Text.of(property.id());
      if (name != null) {
        List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
        for (B2mml.Value v : each(property.values())) {
          if (v.valueString() != null && !v.valueString().isBlank()) {
            list.add(v.valueString().strip());
          }
        }
      }
    }
    values.values().removeIf(List::isEmpty);
    return values;
  }

  private static void extensions(ObjectNode p, Map<String, List<String>> properties) {
    if (properties.isEmpty()) {
      return;
    }
    ObjectNode ext = p.putObject("extensions");
    properties.forEach((name, values) -> {
      if (values.size() == 1) {
        ext.put(name, values.get(0));
      } else {
        values.forEach(ext.putArray(name)::add);
      }
    });
  }

  private static String equipmentOf(B2mml.Location location, B2mml.Location scope) {
    String at = location == null ? null : B2mml.Text.of(location.equipmentId());
    return at != null ? at : scope == null ? null : B2mml.Text.of(scope.equipmentId());
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.strip());
    }
  }

  private static void copy(ObjectNode from, ObjectNode to, String field, String as) {
    if (from.has(field)) {
      to.set(as, from.get(field));
    }
  }

  /**
   * A number when it is a quantity a plant can mean (at most 38 significant digits, exponent within ±30);
   * otherwise the text, which the standard then refuses naming the field. The bounds keep "1E+999999999"
   * from costing the service minutes of arithmetic.
   */
  private static void putNumber(ObjectNode node, String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String text = value.strip();
    BigDecimal number = decimal(text);
    if (number != null) {
      node.put(field, number);
    } else {
      node.put(field, text.length() <= 64 ? text : text.substring(0, 64) + "…");
    }
  }

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,9})?");

  static BigDecimal decimal(String text) {
    if (text.length() > 48 || !DECIMAL.matcher(text).matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(text);
    return number.precision() <= 38 && Math.abs(number.scale()) <= 30 ? number : null;
  }

  /** Free text on one line and within the standard's length (descriptions run over lines and pages). */
  private static String clean(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }

  private static void putInteger(ObjectNode node, String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String text = value.strip();
    if (text.matches("[+-]?[0-9]{1,9}")) {
      node.put(field, Integer.parseInt(text));
    } else {
      node.put(field, text.length() <= 64 ? text : text.substring(0, 64) + "…");
    }
  }


  private void putTime(ObjectNode node, String field, String value) {
    put(node, field, normalized(value));
  }

  /** xsd:dateTime may omit the offset; the standard's date-times carry one (the plant's zone's) and seconds. */
  String normalized(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    String t = time.strip();
    try {
      return OffsetDateTime.parse(t).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        return t;
      }
    }
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null && !(v instanceof String s && s.isBlank())) {
        return v;
      }
    }
    return null;
  }
}
