package org.enterprisebrain.assessment.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The report as a workbook: a summary sheet (with the ladder and scenarios), the gaps, every clause. */
public final class XlsxReport {

  private XlsxReport() {
  }

  public static byte[] render(Report report) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);

      Sheet summary = book.createSheet(report.lang().label("summary"));
      int r = 0;
      Row head = summary.createRow(r++);
      head.createCell(0).setCellValue(report.title());
      head.getCell(0).setCellStyle(bold);
      for (String[] line : report.summary()) {
        Row row = summary.createRow(r++);
        row.createCell(0).setCellValue(line[0]);
        row.createCell(1).setCellValue(line[1]);
      }
      r = table(summary, r + 1, report.ladder(), bold);
      r = table(summary, r + 1, report.scenarios(), bold);
      summary.createRow(r + 1).createCell(0).setCellValue(report.disclaimer());
      summary.setColumnWidth(0, 40 * 256);
      summary.setColumnWidth(1, 30 * 256);

      table(book.createSheet(report.gaps().heading()), 0, report.gaps(), bold);
      table(book.createSheet(report.clauses().heading()), 0, report.clauses(), bold);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a table from row {@code start}: heading, header row, rows; returns the next free row. */
  private static int table(Sheet sheet, int start, Report.Table table, CellStyle bold) {
    int r = start;
    Row heading = sheet.createRow(r++);
    heading.createCell(0).setCellValue(table.heading());
    heading.getCell(0).setCellStyle(bold);
    Row columns = sheet.createRow(r++);
    for (int c = 0; c < table.columns().size(); c++) {
      columns.createCell(c).setCellValue(table.columns().get(c));
      columns.getCell(c).setCellStyle(bold);
    }
    for (List<String> cells : table.rows()) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < cells.size(); c++) {
        row.createCell(c).setCellValue(cells.get(c));
      }
    }
    return r;
  }
}
