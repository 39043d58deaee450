package org.enterprisebrain.assessment.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report as a PDF (openhtmltopdf): XHTML laid out in A4 landscape with a bundled CJK font — without one
 * every Chinese character would print as "#".
 */
public final class PdfReport {

  private static final String FONT = "fonts/DroidSansFallbackFull.ttf";
  private static final byte[] FONT_BYTES = readFont();

  private PdfReport() {
  }

  public static byte[] render(Report report) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<html lang=\"").append(report.lang().tag()).append("\"><head><meta charset=\"UTF-8\"/><style>")
        .append("@page{size:A4 landscape;margin:12mm}")
        .append("body{font-family:'cjk';font-size:8.5pt;color:#222}")
        .append("h1{font-size:16pt;color:#0b3d91}h2{font-size:11pt;margin-top:14pt;color:#0b3d91}")
        .append("table{border-collapse:collapse;width:100%;-fs-table-paginate:paginate}")
        .append("th{background:#e8eef8;text-align:left}th,td{border:0.5pt solid #9aa;padding:2pt 3pt;vertical-align:top}")
        .append(".s td{border:none}.note{color:#666;margin-top:10pt}")
        .append("</style></head><body>");
    html.append("<h1>").append(esc(report.title())).append("</h1><table class=\"s\">");
    for (String[] line : report.summary()) {
      html.append("<tr><td><b>").append(esc(line[0])).append("</b></td><td>").append(esc(line[1])).append("</td></tr>");
    }
    html.append("</table>");
    for (Report.Table table : List.of(report.ladder(), report.scenarios(), report.gaps(), report.clauses())) {
      table(html, table);
    }
    html.append("<p class=\"note\">").append(esc(report.disclaimer())).append("</p></body></html>");
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useFont(() -> new ByteArrayInputStream(FONT_BYTES), "cjk");
      builder.withHtmlContent(html.toString(), null);
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void table(StringBuilder html, Report.Table table) {
    html.append("<h2>").append(esc(table.heading())).append("</h2><table><thead><tr>");
    table.columns().forEach(c -> html.append("<th>").append(esc(c)).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(c -> html.append("<td>").append(esc(c)).append("</td>"));
      html.append("</tr>");
    }
    html.append("</tbody></table>");
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static byte[] readFont() {
    try (InputStream in = PdfReport.class.getClassLoader().getResourceAsStream(FONT)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FONT);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
