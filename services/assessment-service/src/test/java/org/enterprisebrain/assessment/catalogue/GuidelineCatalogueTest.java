package org.enterprisebrain.assessment.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enterprisebrain.assessment.evidence.EvidenceGatherer;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue against the guideline itself (shared/seed/guideline-clean.txt, the authority for
 * wording): every lettered item of 5.4.2 and 6.1–6.10 is there, in order, with its text unaltered.
 */
class GuidelineCatalogueTest {

  static final Path GUIDELINE = Path.of(System.getProperty("brain.guideline",
      "../../../shared/seed/guideline-clean.txt"));
  static final Pattern HEADING = Pattern.compile("^\\s*(\\d+(?:\\.\\d+){1,3})\\s*(\\S.*)?$");
  static final Pattern LETTERED = Pattern.compile("^\\s*([a-z])\\s*[)）]\\s*(.*)$");
  static final Pattern NUMBERED = Pattern.compile("^\\s*1\\.\\s*(.*)$");

  /** Item id → text, read from the guideline independently of the catalogue. */
  static Map<String, String> itemsOfTheGuideline() throws IOException {
    Map<String, String> items = new LinkedHashMap<>();
    String sub = null;
    boolean inScope = false;
    String pendingSentence = null;
    int position = 0;
    for (String line : Files.readAllLines(GUIDELINE, StandardCharsets.UTF_8)) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String id = h.group(1);
        closeEmpty(items, sub, position, pendingSentence);
        inScope = id.matches("5\\.4\\.2\\.\\d") || id.matches("6\\.\\d+(\\.\\d+)?");
        if (id.equals("7")) {
          inScope = false;
        }
        sub = inScope && id.matches("(5\\.4\\.2|6\\.\\d+)\\.\\d+") ? id : null;
        position = 0;
        pendingSentence = null;
        continue;
      }
      if (sub == null || line.isBlank()) {
        continue;
      }
      Matcher l = LETTERED.matcher(line);
      Matcher n = NUMBERED.matcher(line);
      if (l.matches()) {
        items.put(sub + "." + l.group(1), l.group(2).strip());
        position++;
      } else if (n.matches()) {
        items.put(sub + "." + (char) ('a' + position), n.group(1).strip());
        position++;
      } else if (position == 0) {
        pendingSentence = line.strip(); // the sub-scenario's introduction, or its only requirement
      }
    }
    closeEmpty(items, sub, position, pendingSentence);
    return items;
  }

  /** A sub-scenario without lettered items (6.5.4) is one item: its sentence. */
  static void closeEmpty(Map<String, String> items, String sub, int position, String sentence) {
    if (sub != null && position == 0 && sentence != null) {
      items.put(sub, sentence);
    }
  }

  @Test
  void everyItemOfTheGuidelineIsInTheCatalogueVerbatimAndInOrder() throws IOException {
    Map<String, String> guideline = itemsOfTheGuideline();
    Catalogue catalogue = CatalogueLoader.bundledCatalogue();
    Map<String, String> catalogued = new LinkedHashMap<>();
    catalogue.items().forEach(i -> catalogued.put(i.id(), i.text()));

    assertThat(guideline).hasSizeGreaterThan(130); // sanity of the reader: 5.4.2 has 8, 6.x about 130
    assertThat(guideline).containsKeys("5.4.2.1.a", "6.2.1.f", "6.2.3.e", "6.4.2.d", "6.5.4", "6.10.3.b")
        .doesNotContainKey("6.2.1.d"); // the guideline skips d) in 6.2.1: ids keep its letters
    assertThat(new ArrayList<>(catalogued.keySet())).containsExactlyElementsOf(guideline.keySet());
    List<String> altered = new ArrayList<>();
    guideline.forEach((id, text) -> {
      if (!text.equals(catalogued.get(id))) {
        altered.add(id + ": guideline «" + text + "» catalogue «" + catalogued.get(id) + "»");
      }
    });
    assertThat(altered).isEmpty();
  }

  @Test
  void theCatalogueIsConsistentWithItsRulesAndComplete() {
    Catalogue catalogue = CatalogueLoader.bundledCatalogue();
    RuleSet rules = CatalogueLoader.bundledRules();
    assertThat(CatalogueLoader.problems(catalogue, rules, EvidenceGatherer.CHECKS)).isEmpty();
    assertThat(catalogue.levels()).extracting(Catalogue.Level::zh).containsExactly("制造精益级", "集成优化级", "创新引领级");
    catalogue.items().forEach(i -> {
      assertThat(i.title()).as(i.id()).isNotBlank();
      assertThat(i.levels()).as(i.id()).hasSize(1);
      assertThat(i.levelWhy()).as(i.id()).isNotBlank();
    });
    // every level holds clauses, and the rules are all used by some clause
    for (Catalogue.Level level : catalogue.levels()) {
      assertThat(catalogue.items().filter(i -> i.levels().contains(level.id()))).as(level.id()).isNotEmpty();
    }
    for (String rule : rules.rules().keySet()) {
      assertThat(catalogue.items().flatMap(i -> i.evidence().stream()).anyMatch(e -> rule.equals(e.rule())))
          .as("rule " + rule + " is used").isTrue();
    }
  }

  @Test
  void anInconsistentCatalogueIsNamedItemByItem() {
    Catalogue.ClauseItem bad = new Catalogue.ClauseItem("9.9.a", "a)", "应", "t", List.of("nowhere"), "", 0,
        List.of(new Catalogue.EvidenceRef("no.such.rule", null, 1), new Catalogue.EvidenceRef(null, null, 1)));
    Catalogue catalogue = new Catalogue("c", 1, "s", List.of(new Catalogue.Level("lean", "制造精益级", "Lean", "")),
        List.of(new Catalogue.Scenario("9", "九", "Nine", List.of(new Catalogue.SubScenario("9.9", "九九", "N",
            List.of(bad, bad))))));
    assertThat(CatalogueLoader.problems(catalogue, CatalogueLoader.bundledRules(), EvidenceGatherer.CHECKS))
        .contains("9.9.a: duplicate id", "9.9.a: levels [nowhere] not among [lean]", "9.9.a: weight must be positive",
            "9.9.a: unknown rule no.such.rule",
            "9.9.a: evidence must name a rule or an attestation, not both or neither");
  }
}
