package org.enterprisebrain.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.analytics.api.BackfillsApi;
import org.enterprisebrain.client.analytics.model.Backfill;
import org.enterprisebrain.client.analytics.model.BackfillRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brain backfill --plant P --from T --to T}: has the analytics recompute a plant's history for a
 * range (history loaded after live data, which the live jobs drop as late) and waits until it is done.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Recompute a plant's OEE, energy and health for a range of time (历史数据补算), as an admin")
public final class BackfillCommand implements Callable<Integer> {

  @Mixin
  Connection connection;

  @Spec
  CommandSpec spec;

  @Option(names = "--plant", required = true, description = "Plant code, e.g. hz-01")
  String plant;

  @Option(names = "--from", required = true, description = "Start, inclusive, RFC 3339 (2026-12-01T00:00:00+08:00)")
  OffsetDateTime from;

  @Option(names = "--to", required = true, description = "End, exclusive, RFC 3339; at most 31 days after --from")
  OffsetDateTime to;

  @Option(names = "--jobs", split = ",", description = "Of oee, energy, health (default: all three)")
  List<String> jobs;

  @Option(names = "--wait", defaultValue = "PT30M",
      description = "How long to wait for it to finish, 0 to return once requested (default: ${DEFAULT-VALUE})")
  Duration wait;

  @Override
  public Integer call() throws Exception {
    connection.actAsAdmin();
    PrintWriter out = spec.commandLine().getOut();
    BackfillsApi api = new BackfillsApi(connection.apiClient());
    Backfill backfill;
    try {
      BackfillRequest request = new BackfillRequest().plant(plant).from(from).to(to);
      if (jobs != null) {
        request.jobs(jobs.stream().map(BackfillRequest.JobsEnum::fromValue).toList());
      }
      backfill = api.requestBackfill(request);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("--jobs: " + e.getMessage() + "; one of oee, energy, health");
      return 2;
    } catch (ApiException e) {
      spec.commandLine().getErr().println("HTTP " + e.getCode() + ": " + e.getResponseBody());
      return 2;
    }
    out.printf("backfill %s of %s %s from %s to %s: %s%n", backfill.getId(), plant, backfill.getJobs(), from, to,
        backfill.getStatus().getValue());
    out.flush();
    long deadline = System.nanoTime() + wait.toNanos();
    Backfill.StatusEnum shown = backfill.getStatus();
    while (!finished(backfill) && System.nanoTime() < deadline) {
      Thread.sleep(2000);
      backfill = api.getBackfill(backfill.getId());
      if (backfill.getStatus() != shown) {
        shown = backfill.getStatus();
        out.printf("  %s%n", shown.getValue());
        out.flush();
      }
    }
    if (backfill.getStatus() == Backfill.StatusEnum.FAILED) {
      spec.commandLine().getErr().println("failed: " + backfill.getMessage());
      return 1;
    }
    if (!finished(backfill) && !wait.isZero()) {
      spec.commandLine().getErr().println("still " + backfill.getStatus().getValue() + " after " + wait
          + "; follow it at /api/v1/analytics/backfills/" + backfill.getId());
      return 3;
    }
    return 0;
  }

  private static boolean finished(Backfill b) {
    return b.getStatus() == Backfill.StatusEnum.SUCCEEDED || b.getStatus() == Backfill.StatusEnum.FAILED;
  }
}
