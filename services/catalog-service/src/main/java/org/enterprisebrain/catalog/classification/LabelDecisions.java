package org.enterprisebrain.catalog.classification;

import org.enterprisebrain.web.ProblemException;
import org.enterprisebrain.catalog.scheme.Grade;
import org.enterprisebrain.catalog.scheme.SchemeRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A data engineer's decision on a label. The company confirms or rejects; 重要 and 核心 are recorded only
 * as the authority's recognition, with its reference, never as a company's own grading. A rejection lifts a
 * field's protection (its values are no longer masked or encrypted as the label said), so it takes two data
 * engineers: the first proposes it (the label keeps protecting), another one rejects; a confirm withdraws it. A
 * confirm at a lower grade is the same: proposed by one (the label protecting at its grade), applied by another.
 */
@Service
public class LabelDecisions {

  public enum Decision { CONFIRM, REJECT, RECOGNIZE }

  /** What the data engineer decided and, optionally, corrected. */
  public record Request(Decision decision, String category, Grade grade, String authorityReference, String comment) {
  }

  private final LabelRepository labels;
  private final SchemeRepository scheme;
  private final ApplicationEventPublisher events;

  public LabelDecisions(LabelRepository labels, SchemeRepository scheme, ApplicationEventPublisher events) {
    this.events = events;
    this.labels = labels;
    this.scheme = scheme;
  }

  @Transactional
  public Label decide(long id, Request request, String decidedBy) {
    Label decided = apply(id, request, decidedBy).orElseThrow(() -> ProblemException.conflict("labelId",
        "label " + id + " was decided finally meanwhile"));
    events.publishEvent(new LabelsChanged(decided.entity()));
    return decided;
  }

  private java.util.Optional<Label> apply(long id, Request request, String decidedBy) {
    Label label = labels.find(id).orElseThrow(() -> ProblemException.notFound("labelId", "no label " + id));
    if (label.state() == Label.State.REJECTED || label.state() == Label.State.RECOGNIZED) {
      throw ProblemException.conflict("labelId", "label " + id + " is " + label.state().name().toLowerCase(
          java.util.Locale.ROOT) + " and final; classify a new sample for a new suggestion");
    }
    String category = request.category() == null ? label.category() : request.category();
    if (!scheme.categoryCodes().contains(category)) {
      throw ProblemException.badRequest("category", "unknown category '" + category + "'; see GET /api/v1/catalog/scheme");
    }
    Grade grade = request.grade() == null ? label.grade() : request.grade();
    return switch (request.decision()) {
      case CONFIRM -> {
        if (grade.authorityOnly()) {
          throw ProblemException.badRequest("grade", "重要/核心 data is identified by the authority, not confirmed by"
              + " the company: use decision 'recognize' with the authority's reference");
        }
        boolean corrected = !category.equals(label.category()) || grade != label.grade();
        if (label.grade().above(grade)) {
          // a lower grade lifts protection as a rejection does: two people, the label protecting meanwhile
          org.enterprisebrain.web.Callers.person("Lowering a label's grade");
          boolean proposedSo = label.state() == Label.State.DOWNGRADE_PROPOSED && grade == label.proposedGrade()
              && category.equals(label.proposedCategory());
          if (!proposedSo) {
            yield labels.proposeDowngrade(id, grade, category, decidedBy, request.comment());
          }
          if (decidedBy.equals(label.decidedBy())) {
            throw ProblemException.conflict("decision", "label " + id + ": you proposed lowering it to " + grade
                + "; another data engineer confirms that (four eyes), or confirm its grade to withdraw the proposal");
          }
          yield labels.confirmDowngrade(id, Label.Method.MANUAL, decidedBy, request.comment());
        }
        yield labels.decide(id, Label.State.CONFIRMED, corrected ? Label.Method.MANUAL : label.method(), category,
            grade, null, decidedBy, request.comment());
      }
      case REJECT -> {
        org.enterprisebrain.web.Callers.person("Rejecting a suggested label");
        if (label.state() != Label.State.REJECTION_PROPOSED) {
          yield labels.decide(id, Label.State.REJECTION_PROPOSED, label.method(), label.category(), label.grade(),
              null, decidedBy, request.comment());
        }
        if (decidedBy.equals(label.decidedBy())) {
          throw ProblemException.conflict("decision", "label " + id + ": you proposed its rejection; another data"
              + " engineer rejects it (four eyes), or confirm it to withdraw the proposal");
        }
        yield labels.reject(id, decidedBy, request.comment());
      }
      case RECOGNIZE -> {
        if (!grade.authorityOnly()) {
          throw ProblemException.badRequest("grade", "recognize records the authority's identification of 重要 or"
              + " 核心 data: grade must be IMPORTANT or CORE");
        }
        if (request.authorityReference() == null || request.authorityReference().isBlank()) {
          throw ProblemException.badRequest("authorityReference", "the authority's notice or catalogue reference"
              + " is required to record 重要/核心 data");
        }
        yield labels.decide(id, Label.State.RECOGNIZED, Label.Method.MANUAL, category, grade,
            request.authorityReference().strip(), decidedBy, request.comment());
      }
    };
  }
}
