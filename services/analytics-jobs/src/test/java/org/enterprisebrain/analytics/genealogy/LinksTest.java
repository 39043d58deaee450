package org.enterprisebrain.analytics.genealogy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.enterprisebrain.analytics.stream.Envelope;
import org.junit.jupiter.api.Test;

class LinksTest {

  static ObjectNode envelope(String entity, ObjectNode payload) {
    ObjectNode e = Envelope.JSON.createObjectNode().put("id", "R-1").put("entity", entity).put("plant", "p-1")
        .put("occurredAt", "2026-03-02T08:00:00+08:00");
    e.set("payload", payload);
    return e;
  }

  static String[] ids(Links links) {
    return links == null ? new String[0] : Arrays.stream(links.links()).map(Link::id).toArray(String[]::new);
  }

  @Test
  void aMeasurementIsJudgedByItsLimitsAndWithoutLimitsIsOnlyMeasured() {
    ObjectNode p = Envelope.JSON.createObjectNode().put("characteristic", "D").put("product", "P").put("lot", "L-1")
        .put("value", 10.06).put("lsl", 9.95).put("usl", 10.05);
    assertThat(ids(Links.from("t", envelope("quality-result", p)))).containsExactly("p-1|inspected|characteristic:D|lot:L-1|fail");
    p.put("value", 10.05);
    assertThat(ids(Links.from("t", envelope("quality-result", p)))).containsExactly("p-1|inspected|characteristic:D|lot:L-1|pass");
    p.remove("lsl");
    p.remove("usl");
    assertThat(ids(Links.from("t", envelope("quality-result", p))))
        .containsExactly("p-1|inspected|characteristic:D|lot:L-1|measured");
    p.remove("lot");
    assertThat(Links.from("t", envelope("quality-result", p))).as("a result of no lot links nothing").isNull();
  }

  @Test
  void aSubLotIsTheFinerUnitAndSamplesAndCarriersAreNotIngredients() {
    ObjectNode p = Envelope.JSON.createObjectNode().put("productionResponse", "R");
    var materials = p.putArray("segments").addObject().put("segment", "1").putArray("materials");
    materials.addObject().put("use", "consumed").put("lot", "A").put("subLot", "A-3");
    materials.addObject().put("use", "carrier").put("lot", "PALLET-1");
    materials.addObject().put("use", "produced").put("lot", "B");
    assertThat(ids(Links.from("t", envelope("production-performance", p))))
        .as("no order named: none linked").containsExactly("p-1|consumed-into|lot:A-3|lot:B");
  }

  @Test
  void otherEntitiesStateNoLinks() {
    assertThat(Links.from("t", envelope("telemetry", Envelope.JSON.createObjectNode().put("equipment", "M1")))).isNull();
  }
}
