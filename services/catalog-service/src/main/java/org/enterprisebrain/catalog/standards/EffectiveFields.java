package org.enterprisebrain.catalog.standards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enterprisebrain.catalog.classification.Label;
import org.enterprisebrain.catalog.classification.LabelRepository;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.standard.EntityStandard;
import org.enterprisebrain.standard.FieldClassification;
import org.springframework.stereotype.Component;

/**
 * The labels enforced on an entity's fields. A label can only raise protection: where it and the standard
 * disagree, the higher grade and "personal" win, so a sample can never unmask a field the standard grades.
 */
@Component
public class EffectiveFields {

  private final LabelRepository labels;

  public EffectiveFields(LabelRepository labels) {
    this.labels = labels;
  }

  /** The grade protecting the whole record: the highest of its fields (L1 for none). */
  public static Grade highest(List<EffectiveField> fields) {
    return fields.stream().map(EffectiveField::grade).max(Enum::compareTo).orElse(Grade.L1);
  }

  public List<EffectiveField> of(EntityStandard entity) {
    Map<String, EffectiveField> fields = new LinkedHashMap<>();
    for (FieldClassification field : entity.classification()) {
      fields.put(field.pointer(), new EffectiveField(field.pointer(), field.category(), Grade.of(field.grade()),
          field.personal(), EffectiveField.Origin.STANDARD, null, null));
    }
    for (Label label : labels.protecting(entity.entity())) {
      EffectiveField current = fields.get(label.pointer());
      if (current == null || label.grade().above(current.grade())
          || (label.personal() && !current.personal() && label.grade() == current.grade())) {
        fields.put(label.pointer(), new EffectiveField(label.pointer(), label.category(),
            current == null ? label.grade() : Grade.max(current.grade(), label.grade()),
            label.personal() || (current != null && current.personal()), EffectiveField.Origin.LABEL,
            label.id(), label.state()));
      }
    }
    return new ArrayList<>(fields.values());
  }
}
