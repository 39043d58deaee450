package org.enterprisebrain.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.enterprisebrain.testsupport.ServiceCalls.problem;
import static org.enterprisebrain.testsupport.ServiceCalls.status;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The live evaluation as documents managers take to a meeting: a PDF whose Chinese is real text (a CJK font
 * embedded, not "#"), and a workbook with every clause; headings in zh-CN or en, clause text always Chinese.
 */
class ReportsIT extends AssessmentServer {

  HttpResponse<byte[]> report(String query, String user) throws Exception {
    return calls.sendForBytes("GET", "/api/v1/assessment/report?" + query, user);
  }

  @Test
  void thePdfReportIsChineseTextWithTheLadderGapsAndEveryClause() throws Exception {
    HttpResponse<byte[]> zh = report("format=pdf&plant=hz-01", "manager");
    assertThat(zh.statusCode()).isEqualTo(200);
    assertThat(zh.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(zh.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).contains("attachment", "assessment-hz-01-", "zh-CN.pdf"));
    String text;
    try (PDDocument pdf = Loader.loadPDF(zh.body())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(3);
      text = new PDFTextStripper().getText(pdf);
    }
    assertThat(text).contains("未来工厂对标评估报告", "等级阶梯", "制造精益级", "优先差距", "6.2.3.c")
        .doesNotContain("####");
    // the clause text, verbatim (the PDF may wrap it across lines)
    String spc = CATALOGUE.item("6.2.3.c").orElseThrow().text();
    assertThat(text.replaceAll("\\s", "")).contains(spc.replaceAll("\\s", ""));

    HttpResponse<byte[]> en = report("format=pdf&lang=en", "admin");
    assertThat(en.statusCode()).isEqualTo(200);
    try (PDDocument pdf = Loader.loadPDF(en.body())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("Future Factory assessment report", "Level ladder",
          "Lean manufacturing", "应采用SPC");
    }
  }

  @Test
  void theWorkbookHasASummaryTheGapsAndEveryClause() throws Exception {
    HttpResponse<byte[]> xlsx = report("format=xlsx&lang=en", "manager");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(book.getNumberOfSheets()).isEqualTo(3);
      assertThat(book.getSheetName(0)).isEqualTo("Summary");
      assertThat(cells(book.getSheetAt(0))).contains("Future Factory assessment report", "hz-01", "Level ladder",
          "Lean manufacturing", "Innovation leadership");
      Sheet clauses = book.getSheet("All clauses");
      // heading, column headers, then one row per clause in catalogue order
      assertThat(clauses.getLastRowNum() - 1).isEqualTo((int) CATALOGUE.items().count());
      assertThat(clauses.getRow(2).getCell(0).getStringCellValue()).isEqualTo("5.4.2.1.a");
      assertThat(clauses.getRow(2).getCell(1).getStringCellValue())
          .isEqualTo(CATALOGUE.item("5.4.2.1.a").orElseThrow().text());
      assertThat(book.getSheet("Prioritised gaps").getLastRowNum()).isGreaterThan(2);
    }
    HttpResponse<byte[]> zh = report("format=xlsx", "manager");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(zh.body()))) {
      assertThat(book.getSheetName(0)).isEqualTo("概览");
      assertThat(book.getSheet("全部条款")).isNotNull();
    }
  }

  @Test
  void aStoredSnapshotIsExportedAsItWasTakenNotAsThePlantIsNow() throws Exception {
    JsonNode snapshot = status(calls.send("POST", "/api/v1/assessment/snapshots?plant=hz-01", "manager", null, null),
        201);
    long id = snapshot.path("id").asLong();
    HttpResponse<byte[]> pdf = calls.sendForBytes("GET", "/api/v1/assessment/snapshots/" + id
        + "/report?format=pdf&lang=en", "auditor");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).contains("assessment-hz-01-", "-snapshot-" + id + "-en.pdf"));
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(doc)).contains("snapshot #" + id + " (manager)",
          snapshot.path("takenAt").asString().substring(0, 16), "Level ladder", "应采用SPC");
    }
    HttpResponse<byte[]> xlsx = calls.sendForBytes("GET", "/api/v1/assessment/snapshots/" + id
        + "/report?format=xlsx", "manager");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      assertThat(cells(book.getSheetAt(0))).contains("快照 #" + id + " (manager)", "hz-01");
    }
    problem(calls.get("/api/v1/assessment/snapshots/" + id + "/report?format=csv", "manager"), 400, "format");
    problem(calls.get("/api/v1/assessment/snapshots/999999/report?format=pdf", "manager"), 404, "snapshotId");
  }

  @Test
  void aBadReportRequestIsRefusedNamingTheField() throws Exception {
    problem(calls.get("/api/v1/assessment/report?format=docx", "manager"), 400, "format");
    problem(calls.get("/api/v1/assessment/report", "manager"), 400, "format");
    problem(calls.get("/api/v1/assessment/report?format=pdf&lang=fr", "manager"), 400, "lang");
    problem(calls.get("/api/v1/assessment/report?format=pdf&plant=nb-02", "manager"), 403, "plant");
    problem(calls.get("/api/v1/assessment/report?format=pdf", "auditor"), 403, "Authorization");
  }

  static List<String> cells(Sheet sheet) {
    List<String> values = new ArrayList<>();
    for (Row row : sheet) {
      row.forEach(c -> values.add(c.getStringCellValue()));
    }
    return values;
  }
}
