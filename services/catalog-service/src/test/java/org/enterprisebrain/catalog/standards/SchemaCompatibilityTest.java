package org.enterprisebrain.catalog.standards;

import static org.assertj.core.api.Assertions.assertThat;

import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The versioning rule on the real employee schema of the standard. */
class SchemaCompatibilityTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final EntityStandard EMPLOYEE = DataStandard.load().entity("employee").orElseThrow();

  static ObjectNode current() {
    return (ObjectNode) JSON.readTree(EMPLOYEE.versions().get(EMPLOYEE.newestVersion()));
  }

  static ObjectNode properties(ObjectNode schema) {
    return (ObjectNode) schema.get("properties");
  }

  @Test
  void theSameSchemaIsIdentical() {
    assertThat(SchemaCompatibility.compare(current(), current()).verdict())
        .isEqualTo(SchemaCompatibility.Verdict.IDENTICAL);
  }

  @Test
  void anAddedOptionalFieldStaysInTheMajorVersion() {
    ObjectNode next = current();
    properties(next).putObject("badge").put("type", "string");
    SchemaCompatibility.Report report = SchemaCompatibility.compare(current(), next);
    assertThat(report.verdict()).isEqualTo(SchemaCompatibility.Verdict.MINOR);
    assertThat(report.changes()).singleElement().satisfies(c -> {
      assertThat(c.pointer()).isEqualTo("/badge");
      assertThat(c.change()).isEqualTo("added optional");
    });
  }

  @Test
  void removedRetypedAndNewlyRequiredFieldsNeedANewMajorVersion() {
    ObjectNode removed = current();
    properties(removed).remove("phone");
    assertThat(SchemaCompatibility.compare(current(), removed).changes())
        .anySatisfy(c -> assertThat(c.pointer() + " " + c.change() + " " + c.breaking()).isEqualTo("/phone removed true"));

    ObjectNode retyped = current();
    ((ObjectNode) properties(retyped).get("hiredAt")).put("type", "integer");
    assertThat(SchemaCompatibility.compare(current(), retyped).verdict()).isEqualTo(SchemaCompatibility.Verdict.MAJOR);

    ObjectNode required = current();
    ((ArrayNode) required.get("required")).add("phone");
    assertThat(SchemaCompatibility.compare(current(), required).changes())
        .anySatisfy(c -> assertThat(c.change()).isEqualTo("now required"));

    ObjectNode nested = current();
    ((ObjectNode) properties(nested).get("skills").get("items").get("properties").get("level")).put("maximum", 3);
    SchemaCompatibility.Report tightened = SchemaCompatibility.compare(current(), nested);
    assertThat(tightened.verdict()).isEqualTo(SchemaCompatibility.Verdict.MAJOR);
    assertThat(tightened.changes()).singleElement().extracting(SchemaCompatibility.Change::pointer)
        .isEqualTo("/skills/-/level");
  }

  @Test
  void enumsMayGrowButNotShrink() {
    ObjectNode grown = current();
    ((ArrayNode) properties(grown).get("status").get("enum")).add("retired");
    assertThat(SchemaCompatibility.compare(current(), grown).verdict()).isEqualTo(SchemaCompatibility.Verdict.MINOR);
    ObjectNode shrunk = current();
    JsonNode status = properties(shrunk).get("status");
    ((ObjectNode) status).putArray("enum").add("active").add("left");
    assertThat(SchemaCompatibility.compare(current(), shrunk).changes())
        .anySatisfy(c -> assertThat(c.detail()).contains("on-leave"));
  }

  @Test
  void aChangedGradeIsReportedForReviewWithoutBreakingAnything() {
    ObjectNode regraded = current();
    ((ObjectNode) properties(regraded).get("email").get("x-classification")).put("grade", "L3");
    SchemaCompatibility.Report report = SchemaCompatibility.compare(current(), regraded);
    assertThat(report.verdict()).isEqualTo(SchemaCompatibility.Verdict.MINOR);
    assertThat(report.changes()).singleElement().extracting(SchemaCompatibility.Change::change)
        .isEqualTo("classification changed");
  }
}
