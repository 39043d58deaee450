package org.enterprisebrain.assessment.attestations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.enterprisebrain.assessment.Assessment;
import org.enterprisebrain.assessment.api.AttestationsApi;
import org.enterprisebrain.assessment.api.model.NewAttestation;
import org.enterprisebrain.assessment.api.model.Review;
import org.enterprisebrain.assessment.catalogue.Catalogue;
import org.enterprisebrain.assessment.scoring.ScoringProfile;
import org.enterprisebrain.assessment.web.Plants;
import org.enterprisebrain.security.BrainPrincipal;
import org.enterprisebrain.web.Callers;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class AttestationsController implements AttestationsApi {

  private final AttestationStore store;
  private final Assessment assessment;
  private final Clock clock;
  private final String defaultPlant;

  public AttestationsController(AttestationStore store, Assessment assessment, Clock clock,
      @Value("${brain.assessment.plant}") String defaultPlant) {
    this.store = store;
    this.assessment = assessment;
    this.clock = clock;
    this.defaultPlant = defaultPlant;
  }

  @Override
  public ResponseEntity<List<Attestation>> listAttestations(String plant, String clause, String state) {
    if (state != null && !Set.of(Attestation.PENDING, Attestation.APPROVED, Attestation.REJECTED).contains(state)) {
      throw ProblemException.badRequest("state", "one of pending, approved, rejected");
    }
    return ResponseEntity.ok(store.list(Plants.checked(plant, defaultPlant), clause, state, clock.instant()));
  }

  @Override
  public ResponseEntity<Attestation> submitAttestation(NewAttestation metadata, MultipartFile attachment) {
    if (metadata == null) {
      throw ProblemException.badRequest("metadata", "the metadata part (JSON) is required");
    }
    String plant = Plants.checked(metadata.getPlant(), defaultPlant);
    Catalogue.ClauseItem item = metadata.getClause() == null ? null
        : assessment.catalogue().item(metadata.getClause()).orElse(null);
    if (item == null) {
      throw ProblemException.badRequest("metadata.clause", "no clause '" + metadata.getClause() + "' in the catalogue");
    }
    if (!item.attestable()) {
      throw ProblemException.badRequest("metadata.clause", "clause " + item.id()
          + " is evidenced by the platform only; it takes no attestation");
    }
    if (metadata.getStatement() == null || metadata.getStatement().isBlank() || metadata.getStatement().length() > 4000) {
      throw ProblemException.badRequest("metadata.statement", "a statement of 1 to 4000 characters is required");
    }
    ScoringProfile profile = assessment.profile();
    Double satisfaction = metadata.getSatisfaction();
    if (satisfaction == null || profile.scale().stream().noneMatch(s -> s.value() == satisfaction)) {
      throw ProblemException.badRequest("metadata.satisfaction", "one of the scale's values "
          + profile.scale().stream().map(ScoringProfile.ScaleStep::value).toList());
    }
    Instant now = clock.instant();
    OffsetDateTime requested = metadata.getExpiresAt();
    Instant expires = requested == null ? now.plus(profile.validity()) : requested.toInstant();
    if (!expires.isAfter(now)) {
      throw ProblemException.badRequest("metadata.expiresAt", "must lie in the future");
    }
    if (expires.isAfter(now.plus(profile.validity()))) {
      // evidence is re-attested at the profile's rhythm: nobody's word holds longer than the others'
      throw ProblemException.badRequest("metadata.expiresAt", "at most the profile's validity ahead ("
          + profile.validity() + ", until " + now.plus(profile.validity()) + ")");
    }
    byte[] bytes = null;
    String name = null;
    String type = null;
    if (attachment != null && !attachment.isEmpty()) {
      try {
        bytes = attachment.getBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      name = attachment.getOriginalFilename();
      type = EvidenceFiles.typeOf(bytes, name);
    }
    Attestation a = store.insert(plant, item.id(), metadata.getStatement().strip(), satisfaction, bytes, name, type,
        Callers.current().name(), now, expires);
    return ResponseEntity.status(HttpStatus.CREATED).body(a);
  }

  @Override
  public ResponseEntity<Resource> getAttachment(Long attestationId) {
    Attestation a = visible(attestationId);
    byte[] bytes = store.attachment(a.id()).orElseThrow(() ->
        ProblemException.notFound("attestationId", "attestation " + a.id() + " has no attachment"));
    MediaType type = a.attachmentType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(a.attachmentType());
    return ResponseEntity.ok().contentType(type)
        // a download, never a page: no sniffing, and were a browser to render it, no script and no origin
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox; default-src 'none'")
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(a.attachmentName() == null ? "attachment" : a.attachmentName(), StandardCharsets.UTF_8)
            .build().toString())
        .body(new ByteArrayResource(bytes));
  }

  @Override
  public ResponseEntity<Attestation> reviewAttestation(Long attestationId, Review review) {
    Attestation a = visible(attestationId);
    if (review == null || review.getDecision() == null) {
      throw ProblemException.badRequest("decision", "approved or rejected");
    }
    BrainPrincipal me = Callers.current();
    if (me.name().equals(a.submittedBy())) {
      throw ProblemException.forbidden("attestationId", "the submitter cannot review their own attestation");
    }
    String decision = review.getDecision().getValue();
    if (!store.review(a.id(), decision, me.name(), review.getComment(), clock.instant())) {
      throw ProblemException.conflict("attestationId", "attestation " + a.id() + " was already "
          + store.find(a.id(), clock.instant()).map(Attestation::state).orElse("decided"));
    }
    return ResponseEntity.ok(store.find(a.id(), clock.instant()).orElseThrow());
  }

  /** The attestation, if it exists and lies within the caller's plant scope (404 otherwise: no probing). */
  private Attestation visible(Long id) {
    return store.find(id, clock.instant()).filter(a -> Callers.current().mayActForPlant(a.plant()))
        .orElseThrow(() -> ProblemException.notFound("attestationId", "no attestation " + id));
  }
}
