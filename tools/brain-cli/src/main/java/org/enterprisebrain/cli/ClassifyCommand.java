package org.enterprisebrain.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.catalog.api.ClassificationApi;
import org.enterprisebrain.client.catalog.model.ClassificationReport;
import org.enterprisebrain.client.catalog.model.FieldReport;
import org.enterprisebrain.client.catalog.model.Label;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brain classify FILE -e ENTITY}: sends a CSV sample to the catalog's auto-classification and
 * prints, per column, the standard's grade and what the recognizers found (filed in the review queue).
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Classify and grade (分类分级) the columns of a CSV sample; suggestions go to the review queue")
public final class ClassifyCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", description = "A CSV file with a header row")
  Path file;

  @Option(names = {"-e", "--entity"}, required = true, description = "The entity the sample belongs to, e.g. employee")
  String entity;

  @Option(names = "--source", description = "Source system the sample came from, e.g. HR-A")
  String source;

  @Override
  public Integer call() throws Exception {
    connection.actAsDataEngineer();
    PrintWriter out = spec.commandLine().getOut();
    ClassificationReport report;
    try {
      report = new ClassificationApi(connection.apiClient())
          .classifyCsvSample(entity, Files.readString(file, StandardCharsets.UTF_8), source);
    } catch (ApiException e) {
      spec.commandLine().getErr().println("HTTP " + e.getCode() + ": " + e.getResponseBody());
      return 2;
    }
    out.printf("%s: %d records, %d fields%n", report.getEntity(), report.getRecords(), report.getFields().size());
    out.printf("%-28s %6s  %-9s %-16s %-6s %5s  %s%n", "field", "values", "standard", "recognized", "grade",
        "conf.", "why");
    for (FieldReport field : report.getFields()) {
      String standard = field.getStandardLabel() == null ? "-" : field.getStandardLabel().getGrade().getValue();
      if (field.getSuggestions().isEmpty()) {
        out.printf("%-28s %6d  %-9s %-16s%n", field.getPointer(), field.getValues(), standard, "-");
      }
      for (Label label : field.getSuggestions()) {
        out.printf(Locale.ROOT, "%-28s %6d  %-9s %-16s %-6s %5.2f  %s (label %d, %s)%n", field.getPointer(),
            field.getValues(), standard, label.getRecognizer(), label.getGrade().getValue(), label.getConfidence(),
            label.getReason(), label.getId(), label.getState().getValue());
      }
    }
    return 0;
  }
}
