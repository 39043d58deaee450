package org.enterprisebrain.ingestion.b2mml;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The part of B2MML (MESA's XML of IEC 62264-2) that the import reads, bound by Jackson XML. Element names
 * are those of V0401 and V0600; where the two releases type an element differently (V0600's StorageLocation
 * is text, its EquipmentLevel and AssemblyLotID are structures, several IDs repeat) the binding takes both
 * forms ({@link Text}, lists). Elements not named are ignored.
 * Repeated elements are lists (never null once {@link B2mmlReader} has bound them: absent is empty).
 */
public final class B2mml {

  private B2mml() {
  }

  /** A verb-noun message (SyncProductionSchedule …) or a bare noun: the nouns sit in DataArea or at the root. */
  public record Document(
      @JsonProperty("ApplicationArea") ApplicationArea applicationArea,
      @JsonProperty("DataArea") DataArea dataArea) {
  }

  public record ApplicationArea(
      @JsonProperty("Sender") Sender sender,
      @JsonProperty("CreationDateTime") String creationDateTime) {
  }

  public record Sender(@JsonProperty("LogicalID") String logicalId) {
  }

  /** Every noun the import maps; a document holds the one its root element names. */
  public record DataArea(
      @JsonProperty("ProductionSchedule") List<ProductionSchedule> productionSchedules,
      @JsonProperty("ProductionPerformance") List<ProductionPerformance> productionPerformances,
      @JsonProperty("MaterialDefinition") List<MaterialDefinition> materialDefinitions,
      @JsonProperty("MaterialInformation") List<MaterialInformation> materialInformation,
      @JsonProperty("MaterialLot") List<MaterialLot> materialLots,
      @JsonProperty("MaterialSubLot") List<MaterialSubLot> materialSubLots,
      @JsonProperty("Equipment") List<Equipment> equipment,
      @JsonProperty("Person") List<Person> persons,
      @JsonProperty("OperationsSchedule") List<ProductionSchedule> operationsSchedules,
      @JsonProperty("OperationsPerformance") List<ProductionPerformance> operationsPerformances) {
  }

  /**
   * An identifier or text, whichever form the release gives it: plain text; text with attributes (languageID,
   * schemeID …: an object whose "" member is the text); or a structure naming it (V0600's AssemblyLotID is a
   * lot with an ID, its EquipmentLevel a scope with an EquipmentElementLevel, V0401's StorageLocation a
   * location with an EquipmentID).
   */
  public record Text(String value) {

    private static final List<String> NAMING = List.of("", "ID", "EquipmentID", "EquipmentElementLevel");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Text bind(JsonNode node) {
      return new Text(textOf(node));
    }

    private static String textOf(JsonNode node) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        return null;
      }
      if (node.isValueNode()) {
        return node.asString();
      }
      if (node.isArray()) {
        return node.isEmpty() ? null : textOf(node.get(0));
      }
      for (String member : NAMING) {
        String text = textOf(node.get(member));
        if (text != null && !text.isBlank()) {
          return text;
        }
      }
      return null;
    }

    static String of(Text text) {
      return text == null || text.value() == null || text.value().isBlank() ? null : text.value().strip();
    }

    static String first(List<Text> texts) {
      return texts == null || texts.isEmpty() ? null : of(texts.get(0));
    }
  }

  public record Quantity(
      @JsonProperty("QuantityString") String quantityString,
      @JsonProperty("UnitOfMeasure") String unitOfMeasure) {
  }

  public record Value(
      @JsonProperty("ValueString") String valueString,
      @JsonProperty("UnitOfMeasure") String unitOfMeasure) {
  }

  /** Any of the B2MML property elements (…Property, Parameter, ProductionData): an id and its values. */
  public record Property(
      @JsonProperty("ID") Text id,
      @JsonProperty("Value") List<Value> values) {
  }

  public record Location(
      @JsonProperty("EquipmentID") Text equipmentId,
      @JsonProperty("EquipmentElementLevel") String equipmentElementLevel) {
  }

  /** Also V0600's OperationsSchedule, whose OperationsRequests have the same elements. */
  public record ProductionSchedule(
      @JsonProperty("ID") Text id,
      @JsonProperty("OperationsType") String operationsType,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("PublishedDate") String publishedDate,
      @JsonProperty("StartTime") String startTime,
      @JsonProperty("EndTime") String endTime,
      @JsonProperty("ProductionRequest") @JsonAlias("OperationsRequest") List<ProductionRequest> productionRequests) {
  }

  public record ProductionRequest(
      @JsonProperty("ID") Text id,
      @JsonProperty("OperationsType") String operationsType,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("StartTime") String startTime,
      @JsonProperty("EndTime") String endTime,
      @JsonProperty("Priority") String priority,
      @JsonProperty("SegmentRequirement") List<SegmentRequirement> segmentRequirements,
      @JsonProperty("RequestState") String requestState) {
  }

  public record SegmentRequirement(
      @JsonProperty("ID") Text id,
      @JsonProperty("ProcessSegmentID") Text processSegmentId,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("EarliestStartTime") String earliestStartTime,
      @JsonProperty("LatestEndTime") String latestEndTime,
      @JsonProperty("ProductionParameter") List<ProductionParameter> productionParameters,
      @JsonProperty("SegmentParameter") List<Property> segmentParameters,
      @JsonProperty("EquipmentRequirement") List<EquipmentUse> equipmentRequirements,
      @JsonProperty("MaterialRequirement") List<MaterialUse> materialRequirements,
      @JsonProperty("MaterialProducedRequirement") List<MaterialUse> materialProducedRequirements,
      @JsonProperty("MaterialConsumedRequirement") List<MaterialUse> materialConsumedRequirements,
      @JsonProperty("SegmentRequirement") List<SegmentRequirement> segmentRequirements) {
  }

  public record ProductionParameter(@JsonProperty("Parameter") List<Property> parameters) {
  }

  /** Also V0600's OperationsPerformance, whose OperationsResponses have the same elements. */
  public record ProductionPerformance(
      @JsonProperty("ID") Text id,
      @JsonProperty("OperationsType") String operationsType,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("PublishedDate") String publishedDate,
      @JsonProperty("StartTime") String startTime,
      @JsonProperty("EndTime") String endTime,
      @JsonProperty("ProductionResponse") @JsonAlias("OperationsResponse") List<ProductionResponse> productionResponses) {
  }

  public record ProductionResponse(
      @JsonProperty("ID") Text id,
      @JsonProperty("OperationsType") String operationsType,
      @JsonProperty("ProductionRequestID") @JsonAlias("OperationsRequestID") Text productionRequestId,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("StartTime") String startTime,
      @JsonProperty("EndTime") String endTime,
      @JsonProperty("SegmentResponse") List<SegmentResponse> segmentResponses,
      @JsonProperty("ResponseState") String responseState) {
  }

  public record SegmentResponse(
      @JsonProperty("ID") Text id,
      @JsonProperty("ProcessSegmentID") Text processSegmentId,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("ActualStartTime") String actualStartTime,
      @JsonProperty("ActualEndTime") String actualEndTime,
      @JsonProperty("ProductionData") List<Property> productionData,
      @JsonProperty("SegmentData") List<Property> segmentData,
      @JsonProperty("PersonnelActual") List<PersonnelActual> personnelActuals,
      @JsonProperty("EquipmentActual") List<EquipmentUse> equipmentActuals,
      @JsonProperty("MaterialActual") List<MaterialUse> materialActuals,
      @JsonProperty("MaterialProducedActual") List<MaterialUse> materialProducedActuals,
      @JsonProperty("MaterialConsumedActual") List<MaterialUse> materialConsumedActuals,
      @JsonProperty("SegmentResponse") List<SegmentResponse> segmentResponses) {
  }

  /** V0600 lets one actual name several people or machines: each is kept. */
  public record PersonnelActual(@JsonProperty("PersonID") List<Text> personIds) {
  }

  public record EquipmentUse(@JsonProperty("EquipmentID") List<Text> equipmentIds) {
  }

  /** A material requirement or actual: the same elements, the property list named after its parent. */
  public record MaterialUse(
      @JsonProperty("MaterialDefinitionID") List<Text> materialDefinitionIds,
      @JsonProperty("MaterialLotID") List<Text> materialLotIds,
      @JsonProperty("MaterialSubLotID") List<Text> materialSubLotIds,
      @JsonProperty("Location") Location location,
      @JsonProperty("HierarchyScope") Location hierarchyScope,
      @JsonProperty("MaterialUse") String materialUse,
      @JsonProperty("Quantity") List<Quantity> quantities,
      @JsonProperty("MaterialRequirementProperty") List<Property> requirementProperties,
      @JsonProperty("MaterialActualProperty") List<Property> actualProperties) {
  }

  public record MaterialDefinition(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("MaterialDefinitionProperty") List<Property> properties,
      @JsonProperty("MaterialClassID") List<Text> materialClassIds) {
  }

  public record MaterialInformation(
      @JsonProperty("ID") Text id,
      @JsonProperty("PublishedDate") String publishedDate,
      @JsonProperty("MaterialDefinition") List<MaterialDefinition> materialDefinitions,
      @JsonProperty("MaterialLot") List<MaterialLot> materialLots,
      @JsonProperty("MaterialSubLot") List<MaterialSubLot> materialSubLots) {
  }

  public record MaterialLot(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("Location") Location location,
      @JsonProperty("MaterialDefinitionID") Text materialDefinitionId,
      @JsonProperty("Status") String status,
      @JsonProperty("MaterialLotProperty") List<Property> properties,
      @JsonProperty("MaterialSubLot") List<MaterialSubLot> materialSubLots,
      @JsonProperty("StorageLocation") Text storageLocation,
      @JsonProperty("Quantity") List<Quantity> quantities,
      @JsonProperty("AssemblyLotID") List<Text> assemblyLotIds,
      @JsonProperty("AssemblySubLotID") List<Text> assemblySubLotIds) {
  }

  public record MaterialSubLot(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("Location") Location location,
      @JsonProperty("Status") String status,
      @JsonProperty("MaterialSublotProperty") List<Property> properties,
      @JsonProperty("MaterialSubLotProperty") List<Property> propertiesV0401,
      @JsonProperty("StorageLocation") Text storageLocation,
      @JsonProperty("Quantity") List<Quantity> quantities,
      @JsonProperty("MaterialSubLot") List<MaterialSubLot> materialSubLots,
      @JsonProperty("MaterialLotID") Text materialLotId,
      @JsonProperty("AssemblyLotID") List<Text> assemblyLotIds,
      @JsonProperty("AssemblySubLotID") List<Text> assemblySubLotIds) {
  }

  public record Equipment(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("EquipmentLevel") Text equipmentLevel,
      @JsonProperty("Equipment") List<Equipment> children,
      @JsonProperty("EquipmentClassID") List<Text> equipmentClassIds) {
  }

  public record Person(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("PersonName") Text personName,
      @JsonProperty("PersonnelClassID") List<Text> personnelClassIds) {
  }

  /** Keeps the import's code free of null checks on absent repeated elements. */
  static <T> List<T> each(List<T> list) {
    return list == null ? List.of() : list;
  }
}
