package org.enterprisebrain.catalog.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.enterprisebrain.catalog.api.model.FieldEntry;
import org.enterprisebrain.catalog.api.model.LabelState;
import org.enterprisebrain.catalog.classification.Label;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.standards.EffectiveField;

/** Domain values to the generated API types (and back), in one place. */
public final class ApiMapping {

  private ApiMapping() {
  }

  public static org.enterprisebrain.catalog.api.model.Grade grade(Grade grade) {
    return grade == null ? null : org.enterprisebrain.catalog.api.model.Grade.fromValue(grade.name());
  }

  public static Grade grade(org.enterprisebrain.catalog.api.model.Grade grade) {
    return grade == null ? null : Grade.valueOf(grade.getValue());
  }

  public static LabelState state(Label.State state) {
    return state == null ? null : LabelState.fromValue(state.code());
  }

  public static Label.State state(LabelState state) {
    return state == null ? null : Label.State.of(state.getValue());
  }

  public static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static FieldEntry field(EffectiveField field) {
    return new FieldEntry(field.pointer(), field.category(), grade(field.grade()), field.personal(),
        FieldEntry.OriginEnum.fromValue(field.origin().name().toLowerCase(Locale.ROOT)))
        .labelId(field.labelId())
        .state(state(field.state()));
  }

  public static org.enterprisebrain.catalog.api.model.Label label(Label l) {
    return new org.enterprisebrain.catalog.api.model.Label(l.id(), l.entity(), l.pointer(), l.category(),
        grade(l.grade()), l.personal(), l.sensitive(),
        org.enterprisebrain.catalog.api.model.Label.MethodEnum.fromValue(l.method().name().toLowerCase(Locale.ROOT)),
        state(l.state()), time(l.createdAt()), l.createdBy())
        .source(l.source())
        .recognizer(l.recognizer())
        .sampled(l.sampled())
        .matched(l.matched())
        .matchedShare(l.matchedShare())
        .confidence(l.confidence())
        .reason(l.reason())
        .reviewFlag(l.reviewFlag())
        .authorityReference(l.authorityReference())
        .proposedGrade(grade(l.proposedGrade()))
        .proposedCategory(l.proposedCategory())
        .decidedAt(time(l.decidedAt()))
        .decidedBy(l.decidedBy())
        .comment(l.comment());
  }
}
