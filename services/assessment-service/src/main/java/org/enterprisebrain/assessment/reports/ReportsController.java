package org.enterprisebrain.assessment.reports;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.enterprisebrain.assessment.Assessment;
import org.enterprisebrain.assessment.api.ReportsApi;
import org.enterprisebrain.assessment.scoring.Evaluation;
import org.enterprisebrain.assessment.scoring.Gap;
import org.enterprisebrain.assessment.scoring.ProfileStore;
import org.enterprisebrain.assessment.scoring.ScoringProfile;
import org.enterprisebrain.assessment.snapshots.Snapshot;
import org.enterprisebrain.assessment.snapshots.SnapshotStore;
import org.enterprisebrain.assessment.snapshots.SnapshotSummary;
import org.enterprisebrain.assessment.web.Plants;
import org.enterprisebrain.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportsController implements ReportsApi {

  static final MediaType XLSX = MediaType.parseMediaType(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private final Assessment assessment;
  private final SnapshotStore snapshots;
  private final ProfileStore profiles;
  private final String defaultPlant;

  public ReportsController(Assessment assessment, SnapshotStore snapshots, ProfileStore profiles,
      @Value("${brain.assessment.plant}") String defaultPlant) {
    this.assessment = assessment;
    this.snapshots = snapshots;
    this.profiles = profiles;
    this.defaultPlant = defaultPlant;
  }

  @Override
  public ResponseEntity<Resource> exportReport(String format, String plant, String lang) {
    Evaluation e = assessment.evaluate(Plants.checked(plant, defaultPlant));
    return render(e, assessment.profile(), format, lang, null);
  }

  @Override
  public ResponseEntity<Resource> exportSnapshotReport(Long snapshotId, String format, String lang) {
    Snapshot s = snapshots.visible(snapshotId, "snapshotId");
    Evaluation e = s.evaluation();
    // the gaps weighed as when the snapshot was taken
    ScoringProfile profile = profiles.version(e.profileVersion()).orElseGet(assessment::profile);
    return render(e, profile, format, lang, s.summary());
  }

  private ResponseEntity<Resource> render(Evaluation e, ScoringProfile profile, String format, String lang,
      SnapshotSummary snapshot) {
    if (!"pdf".equals(format) && !"xlsx".equals(format)) {
      throw ProblemException.badRequest("format", "must be pdf or xlsx");
    }
    ReportLanguage language = ReportLanguage.of(lang);
    Report report = Report.of(e, Gap.of(e, profile), assessment.catalogue(), language, snapshot);
    byte[] body = format.equals("pdf") ? PdfReport.render(report) : XlsxReport.render(report);
    String file = "assessment-" + e.plant() + "-" + STAMP.format(e.evaluatedAt())
        + (snapshot == null ? "" : "-snapshot-" + snapshot.id()) + "-" + language.tag() + "." + format;
    return ResponseEntity.ok()
        .contentType(format.equals("pdf") ? MediaType.APPLICATION_PDF : XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
        .body(new ByteArrayResource(body));
  }
}
