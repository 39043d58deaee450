package org.enterprisebrain.catalog.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.enterprisebrain.catalog.protection.Pointers;
import org.enterprisebrain.standard.DataStandard;
import org.enterprisebrain.standard.EntityStandard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Classifies extension fields (扩展字段) as they arrive on the ingestion path, without anyone uploading a
 * sample: values are collected per entity, source system and field; at {@code first} values the field is
 * classified, at {@code last} once more with the larger sample, then the field is no longer sampled (until
 * the service restarts, which refreshes the evidence of the same labels).
 */
@Component
public class ExtensionSampler {

  static final String BY = "catalog-service";

  private record Key(String entity, String source, String pointer) {
  }

  private final DataStandard standard;
  private final SampleClassifier classifier;
  private final int first;
  private final int last;
  private final Map<Key, List<String>> samples = new ConcurrentHashMap<>();

  public ExtensionSampler(DataStandard standard, SampleClassifier classifier,
      @Value("${brain.catalog.auto-classify.first}") int first, @Value("${brain.catalog.auto-classify.last}") int last) {
    this.standard = standard;
    this.classifier = classifier;
    this.first = first;
    this.last = Math.max(first, last);
  }

  /** Takes the extension values of one record's payload. */
  public void observe(String entityName, String source, Map<String, Object> payload) {
    if (!(payload.get("extensions") instanceof Map<?, ?> extensions) || extensions.isEmpty()) {
      return;
    }
    EntityStandard entity = standard.entity(entityName).orElse(null);
    if (entity == null) {
      return;
    }
    collect(entity, source, "/extensions", extensions);
  }

  private void collect(EntityStandard entity, String source, String pointer, Map<?, ?> object) {
    for (Map.Entry<?, ?> field : object.entrySet()) {
      String child = pointer + "/" + Pointers.escape(String.valueOf(field.getKey()));
      Object value = field.getValue();
      if (value instanceof Map<?, ?> nested) {
        collect(entity, source, child, nested);
      } else if (!(value instanceof List<?>)) {
        add(entity, source, child, value == null ? null : String.valueOf(value));
      }
    }
  }

  private void add(EntityStandard entity, String source, String pointer, String value) {
    Key key = new Key(entity.entity(), source, pointer);
    List<String> values = samples.computeIfAbsent(key, k -> new ArrayList<>());
    List<String> full = null;
    synchronized (values) {
      if (values.size() >= last) {
        return;
      }
      values.add(value);
      if (values.size() == first || values.size() == last) {
        full = List.copyOf(new ArrayList<>(values));
      }
    }
    if (full != null) {
      classifier.classify(entity, source, full.size(), Map.of(pointer, full), BY);
    }
  }
}
