package org.enterprisebrain.catalog.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.enterprisebrain.catalog.classification.ExtensionSampler;
import org.enterprisebrain.catalog.lineage.LineageService;
import org.enterprisebrain.catalog.protection.FieldProtection;
import org.enterprisebrain.catalog.quality.QualityCounters;
import org.enterprisebrain.catalog.quality.QualityMeter;
import org.enterprisebrain.catalog.quality.QualityRepository;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.ProtectionPolicy;
import org.enterprisebrain.catalog.scheme.SchemeRepository;
import org.enterprisebrain.catalog.standards.CatalogSearch;
import org.enterprisebrain.catalog.standards.EffectiveField;
import org.enterprisebrain.catalog.standards.EffectiveFields;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the catalog from the ingestion path: every record on a standard topic is indexed for search,
 * counted into its dataset (volume, freshness) and its quality window (completeness, uniqueness by id,
 * timeliness, ranges), and its extension fields sampled for auto-classification. Offsets are committed only after both writes, so a crash
 * replays the batch: the index is idempotent by record id; dataset volumes may then count a record twice.
 */
@Component
public class RecordIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(RecordIndexer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordStore store;
  private final DatasetRepository datasets;
  private final ExtensionSampler extensions;
  private final DataStandard standard;
  private final QualityMeter quality;
  private final QualityRepository qualityWindows;
  private final LineageService lineage;
  private final EffectiveFields fields;
  private final FieldProtection protection;
  private final CatalogSearch search;
  private final java.util.Set<String> searchable = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.function.Supplier<Map<Grade, ProtectionPolicy>> policies;
  private final Counter indexed;
  private final Counter unreadable;

  public RecordIndexer(RecordStore store, DatasetRepository datasets, ExtensionSampler extensions,
      DataStandard standard, QualityMeter quality, QualityRepository qualityWindows, LineageService lineage,
      EffectiveFields fields, FieldProtection protection, SchemeRepository scheme, CatalogSearch search,
      MeterRegistry meters) {
    this.search = search;
    this.lineage = lineage;
    this.fields = fields;
    this.protection = protection;
    this.policies = scheme::policies;
    this.store = store;
    this.datasets = datasets;
    this.extensions = extensions;
    this.standard = standard;
    this.quality = quality;
    this.qualityWindows = qualityWindows;
    this.indexed = meters.counter("brain.catalog.records.indexed");
    this.unreadable = meters.counter("brain.catalog.records.unreadable");
  }

  @KafkaListener(id = "catalog-records", idIsGroup = false, topicPattern = "${brain.catalog.topic-pattern}",
      batch = "true")
  public void consume(List<ConsumerRecord<String, byte[]>> batch) {
    List<RecordStore.Document> documents = new ArrayList<>(batch.size());
    List<Measured> measured = new ArrayList<>(batch.size());
    Map<String, Dataset.Increment> increments = new LinkedHashMap<>();
    Map<String, String> ingestedBy = new HashMap<>(); // per dataset: the API or a connector's connection
    Map<String, List<EffectiveField>> protectedFields = new HashMap<>(); // labels read once per entity and batch
    Map<Grade, ProtectionPolicy> batchPolicies = policies.get();
    Instant now = Instant.now();
    for (ConsumerRecord<String, byte[]> record : batch) {
      Map<String, Object> envelope = read(record);
      if (envelope == null) {
        continue;
      }
      String entity = (String) envelope.get("entity");
      String plant = (String) envelope.get("plant");
      String id = (String) envelope.get("id");
      @SuppressWarnings("unchecked")
      Map<String, Object> source = envelope.get("source") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
      String system = String.valueOf(source.getOrDefault("system", header(record, Topics.HEADER_SOURCE_SYSTEM)));
      Instant occurred = instant(envelope.get("occurredAt"));
      Instant received = instant(header(record, Topics.HEADER_RECEIVED_AT));
      // normalised: whatever offset or precision the source used, the index gets an instant it accepts
      String occurredAt = occurred == null ? null : occurred.toString();
      String receivedText = received == null ? null : received.toString();
      @SuppressWarnings("unchecked")
      Map<String, Object> payload = envelope.get("payload") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", id);
      doc.put("entity", entity);
      doc.put("plant", plant);
      doc.put("sourceSystem", system);
      doc.put("sourceKind", source.get("kind"));
      doc.put("schemaVersion", envelope.get("schemaVersion"));
      doc.put("occurredAt", occurredAt);
      doc.put("receivedAt", receivedText);
      doc.put("payload", payload);
      documents.add(new RecordStore.Document(entity, plant, system, id, doc));
      extensions.observe(entity, system, payload);
      String key = system + "\u0000" + entity + "\u0000" + plant;
      Dataset.Increment start = increments.getOrDefault(key,
          new Dataset.Increment(system, entity, plant, record.topic(), 0, null, null));
      increments.put(key, start.plus(occurred, received));
      ingestedBy.computeIfAbsent(key, k -> header(record, Topics.HEADER_INGESTED_BY));
      measured.add(new Measured(new QualityRepository.WindowKey(system, entity, plant,
          (received == null ? now : received).truncatedTo(ChronoUnit.HOURS)), payload, occurred, received));
    }
    // protected after the loop: a label the sampler filed while reading this batch protects it already
    for (RecordStore.Document document : documents) {
      document.source().put("payload", stored(document.entity(), payloadOf(document), protectedFields, batchPolicies));
    }
    boolean[] existed = store.write(documents);
    datasets.add(increments.values());
    for (Map.Entry<String, Dataset.Increment> entry : increments.entrySet()) {
      Dataset.Increment inc = entry.getValue();
      lineage.registerIngestionPath(inc.sourceSystem(), inc.topic(), store.index(inc.entity()),
          ingestedBy.get(entry.getKey()));
      if (!searchable.contains(inc.sourceSystem() + "|" + inc.entity() + "|" + inc.plant())) {
        search.indexDataset(inc.sourceSystem(), inc.entity(), inc.plant(), inc.topic());
        searchable.add(inc.sourceSystem() + "|" + inc.entity() + "|" + inc.plant()); // only once indexed
      }
    }
    Map<QualityRepository.WindowKey, QualityCounters> windows = new LinkedHashMap<>();
    for (int i = 0; i < measured.size(); i++) {
      Measured m = measured.get(i);
      boolean duplicate = existed[i];
      standard.entity(m.window().entity()).ifPresent(entity -> windows.merge(m.window(),
          quality.measure(entity, m.payload(), m.occurredAt(), m.receivedAt(), duplicate), QualityCounters::plus));
    }
    qualityWindows.add(windows);
    indexed.increment(documents.size());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> payloadOf(RecordStore.Document document) {
    return (Map<String, Object>) document.source().get("payload");
  }

  /** The payload as indexed: fields whose policy says so encrypted, the rest as sent. */
  private Map<String, Object> stored(String entity, Map<String, Object> payload,
      Map<String, List<EffectiveField>> protectedFields, Map<Grade, ProtectionPolicy> policies) {
    List<EffectiveField> effective = protectedFields.computeIfAbsent(entity,
        e -> standard.entity(e).map(fields::of).orElse(List.of()));
    if (effective.isEmpty()) {
      return payload;
    }
    return protection.encrypted(payload, effective, policies);
  }

  private record Measured(QualityRepository.WindowKey window, Map<String, Object> payload, Instant occurredAt,
      Instant receivedAt) {
  }

  /** Ingestion validated every record; one that still cannot be read is counted and logged, not retried forever. */
  private Map<String, Object> read(ConsumerRecord<String, byte[]> record) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> envelope = JSON.readValue(record.value(), Map.class);
      if (envelope.get("entity") instanceof String && envelope.get("plant") instanceof String
          && envelope.get("id") instanceof String) {
        return envelope;
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("unreadable record", e);
    }
    unreadable.increment();
    LOG.warn("skipping unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset());
    return null;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** RFC 3339 text as an instant; anything else (missing, not text, a leap second) as unknown. */
  private static Instant instant(Object rfc3339) {
    if (!(rfc3339 instanceof String text)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
