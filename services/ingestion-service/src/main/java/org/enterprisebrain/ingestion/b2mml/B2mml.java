package org.enterprisebrain.ingestion.b2mml;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The part of B2MML (MESA's XML of IEC 62264-2) that the import reads, bound by Jackson XML. Element names
 * are those of V0401 and V0600, which agree on everything read here; elements not named are ignored.
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

  /** Text with the attributes B2MML allows on it (languageID, schemeID …), which the import does not need. */
  public record Text(String value) {

    /** Plain text arrives as a string, text with attributes as an object whose "" member is the text. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Text bind(JsonNode node) {
      if (node == null || node.isNull()) {
        return new Text(null);
      }
      return new Text(node.isValueNode() ? node.asString() : node.path("").asString(null));
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
      @JsonProperty("PersonnelActual") List<PersonnelActual> personnelActuals,
      @JsonProperty("EquipmentActual") List<EquipmentUse> equipmentActuals,
      @JsonProperty("MaterialActual") List<MaterialUse> materialActuals,
      @JsonProperty("MaterialProducedActual") List<MaterialUse> materialProducedActuals,
      @JsonProperty("MaterialConsumedActual") List<MaterialUse> materialConsumedActuals,
      @JsonProperty("SegmentResponse") List<SegmentResponse> segmentResponses) {
  }

  public record PersonnelActual(@JsonProperty("PersonID") Text personId) {
  }

  public record EquipmentUse(@JsonProperty("EquipmentID") Text equipmentId) {
  }

  /** A material requirement or actual: the same elements, the property list named after its parent. */
  public record MaterialUse(
      @JsonProperty("MaterialDefinitionID") Text materialDefinitionId,
      @JsonProperty("MaterialLotID") Text materialLotId,
      @JsonProperty("MaterialSubLotID") Text materialSubLotId,
      @JsonProperty("Location") Location location,
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
      @JsonProperty("StorageLocation") Location storageLocation,
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
      @JsonProperty("StorageLocation") Location storageLocation,
      @JsonProperty("Quantity") List<Quantity> quantities,
      @JsonProperty("MaterialSubLot") List<MaterialSubLot> materialSubLots,
      @JsonProperty("MaterialLotID") Text materialLotId,
      @JsonProperty("AssemblyLotID") List<Text> assemblyLotIds,
      @JsonProperty("AssemblySubLotID") List<Text> assemblySubLotIds) {
  }

  public record Equipment(
      @JsonProperty("ID") Text id,
      @JsonProperty("Description") List<Text> descriptions,
      @JsonProperty("EquipmentLevel") String equipmentLevel,
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
