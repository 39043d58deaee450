package org.enterprisebrain.ingestion.b2mml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.enterprisebrain.ingestion.ingest.IngestionException;
import org.enterprisebrain.standard.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.XmlReadFeature;

/**
 * Reads one B2MML document safely: a DOCTYPE (and with it every entity, external or expanding) is refused
 * before anything is bound, the whole document must be well-formed, the root must be a B2MML element of a
 * known release with a verb that carries data, and only then is it bound. Anything else is a 400 naming the
 * element, so a bad document is refused whole and nothing of it is ingested.
 */
public final class B2mmlReader {

  /** The B2MML releases read, by namespace. V0401 and V0600 differ in nothing the import reads. */
  public enum Release {
    V0401("http://www.wbf.org/xml/B2MML-V0401"),
    V0500("http://www.mesa.org/xml/B2MML-V0500"),
    V0600("http://www.mesa.org/xml/B2MML-V0600"),
    V07("http://www.mesa.org/xml/B2MML");

    final String namespace;

    Release(String namespace) {
      this.namespace = namespace;
    }

    static Release of(String namespace) {
      for (Release r : values()) {
        if (r.namespace.equals(namespace)) {
          return r;
        }
      }
      return null;
    }
  }

  /** Verbs whose DataArea carries the noun's data; Get, Cancel, Acknowledge, Confirm and Respond do not. */
  static final Set<String> DATA_VERBS = Set.of("Process", "Sync", "Show", "Change");
  static final Set<String> OTHER_VERBS = Set.of("Get", "Cancel", "Acknowledge", "Confirm", "Respond");
  /** The nouns mapped onto the data standard, and the class a bare noun at the root binds to. */
  static final Map<String, Class<?>> NOUNS = Map.of(
      "ProductionSchedule", B2mml.ProductionSchedule.class,
      "ProductionPerformance", B2mml.ProductionPerformance.class,
      "MaterialDefinition", B2mml.MaterialDefinition.class,
      "MaterialInformation", B2mml.MaterialInformation.class,
      "MaterialLot", B2mml.MaterialLot.class,
      "MaterialSubLot", B2mml.MaterialSubLot.class,
      "Equipment", B2mml.Equipment.class,
      "Person", B2mml.Person.class,
      "OperationsSchedule", B2mml.ProductionSchedule.class,
      "OperationsPerformance", B2mml.ProductionPerformance.class);

  /** A bound document: its root element, release, verb (null for a bare noun), noun and the noun's elements. */
  public record Parsed(String root, Release release, String verb, String noun, List<?> elements,
      B2mml.ApplicationArea applicationArea) {
  }

  private static final int MAX_DEPTH = 64;
  private static final int MAX_ELEMENTS = 1_000_000;

  private final XMLInputFactory factory;
  private final XmlMapper mapper;

  public B2mmlReader() {
    factory = secureFactory();
    mapper = XmlMapper.builder(XmlFactory.builder().xmlInputFactory(secureFactory()).build())
        .defaultUseWrapper(false)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // an xsi:nil root would bind to null: the import reads what is there, not the schema's nil
        .disable(XmlReadFeature.PROCESS_XSI_NIL)
        .build();
  }

  /** Woodstox without DTDs, external entities or entity expansion, and with limits on what one element may hold. */
  static XMLInputFactory secureFactory() {
    WstxInputFactory f = new WstxInputFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
    // 10,000 records of a few dozen elements each fit easily; 16 MiB of empty elements do not bloat the heap
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) MAX_ELEMENTS);
    f.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, MAX_ELEMENTS / 10);
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 1 << 20);
    f.setProperty(XMLInputFactory.RESOLVER, (javax.xml.stream.XMLResolver) (publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resource '" + systemId + "' refused");
    });
    return f;
  }

  public Parsed read(byte[] xml) {
    String root = checkStructure(xml);
    QNameParts name = QNameParts.parse(root);
    Release release = Release.of(name.namespace);
    if (release == null) {
      throw refused("/" + name.local, "the root element <" + name.local + "> is in namespace '" + name.namespace
          + "', not a B2MML one (" + String.join(", ", java.util.Arrays.stream(Release.values())
          .map(r -> r.namespace).toList()) + ")");
    }
    String verb = null;
    String noun = name.local;
    if (!NOUNS.containsKey(noun)) {
      verb = verbOf(name.local);
      if (verb == null) {
        throw refused("/" + name.local, "<" + name.local + "> is neither a B2MML message (verb + noun, e.g."
            + " SyncProductionSchedule) nor a noun the import maps (" + String.join(", ", NOUNS.keySet().stream()
            .sorted().toList()) + ")");
      }
      noun = name.local.substring(verb.length());
      if (!NOUNS.containsKey(noun)) {
        throw refused("/" + name.local, "<" + name.local + "> is not a noun the import maps, nor verb '" + verb
            + "' with one (" + String.join(", ", NOUNS.keySet().stream().sorted().toList()) + ")");
      }
      if (!DATA_VERBS.contains(verb)) {
        throw refused("/" + name.local, "the verb '" + verb + "' carries no records to import: send the data"
            + " with Process, Sync, Show or Change");
      }
    }
    try {
      if (verb == null) {
        Object bound = mapper.readValue(xml, NOUNS.get(noun));
        if (bound == null) {
          throw refused("/" + name.local, "<" + name.local + "> holds nothing");
        }
        return new Parsed(name.local, release, null, noun, List.of(bound), null);
      }
      B2mml.Document document = mapper.readValue(xml, B2mml.Document.class);
      B2mml.DataArea data = document == null ? null : document.dataArea();
      if (data == null) {
        throw refused("/" + name.local + "/DataArea", "the message has no DataArea");
      }
      // a message carries the noun its root names: others in its DataArea are not what it says it is
      return new Parsed(name.local, release, verb, noun, nounsOf(noun, data), document.applicationArea());
    } catch (JacksonException e) {
      throw refused("/" + name.local + pathOf(e), "the document does not bind to B2MML: " + e.getOriginalMessage());
    }
  }

  private static String verbOf(String local) {
    for (String verb : DATA_VERBS) {
      if (local.startsWith(verb) && local.length() > verb.length()) {
        return verb;
      }
    }
    for (String verb : OTHER_VERBS) {
      if (local.startsWith(verb) && local.length() > verb.length()) {
        return verb;
      }
    }
    return null;
  }

  private static List<?> nounsOf(String noun, B2mml.DataArea data) {
    List<?> list = switch (noun) {
      case "ProductionSchedule" -> data.productionSchedules();
      case "ProductionPerformance" -> data.productionPerformances();
      case "MaterialDefinition" -> data.materialDefinitions();
      case "MaterialInformation" -> data.materialInformation();
      case "MaterialLot" -> data.materialLots();
      case "MaterialSubLot" -> data.materialSubLots();
      case "Equipment" -> data.equipment();
      case "Person" -> data.persons();
      case "OperationsSchedule" -> data.operationsSchedules();
      case "OperationsPerformance" -> data.operationsPerformances();
      default -> throw new IllegalArgumentException("not a mapped noun: " + noun);
    };
    return B2mml.each(list).stream().filter(java.util.Objects::nonNull).toList();
  }

  /**
   * One streaming pass over the whole document before anything is bound: refuses a DOCTYPE, proves the
   * document well-formed and returns the root's {namespace}local name.
   */
  private String checkStructure(byte[] xml) {
    Deque<String> path = new ArrayDeque<>();
    String root = null;
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw refused("/", "a DOCTYPE is refused: B2MML documents declare no DTD,"
              + " and entities (external ones, or ones that expand like a billion laughs) are never read");
          case XMLStreamConstants.ENTITY_REFERENCE -> throw refused(pointer(path), "the entity reference &"
              + reader.getLocalName() + "; is refused: B2MML documents use none");
          case XMLStreamConstants.START_ELEMENT -> {
            if (root == null) {
              root = "{" + (reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI()) + "}" + reader.getLocalName();
            }
            path.addLast(reader.getLocalName());
          }
          case XMLStreamConstants.END_ELEMENT -> path.removeLast();
          default -> {
          }
        }
      }
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      throw refused(pointer(path), "malformed XML" + (at == null ? "" : " at line " + at.getLineNumber()
          + ", column " + at.getColumnNumber()) + ": " + firstLine(e.getMessage()));
    }
    if (root == null) {
      throw refused("/", "the body holds no XML element");
    }
    return root;
  }

  private static String pointer(Deque<String> path) {
    return path.isEmpty() ? "/" : "/" + String.join("/", path);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    // Woodstox prefixes the location it also reports on its own line
    String[] lines = message.split("\n");
    return lines[lines.length - 1].replaceFirst("^\\s*Message: ", "").strip();
  }

  private static String pathOf(JacksonException e) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        pointer.append('/').append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        pointer.append('[').append(ref.getIndex() + 1).append(']');
      }
    }
    return pointer.toString();
  }

  static IngestionException refused(String element, String message) {
    return IngestionException.badRequest(message, List.of(new FieldError(element, message)));
  }

  private record QNameParts(String namespace, String local) {
    static QNameParts parse(String clark) {
      int end = clark.indexOf('}');
      return new QNameParts(clark.substring(1, end), clark.substring(end + 1));
    }
  }
}
