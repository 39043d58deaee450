package org.enterprisebrain.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.enterprisebrain.cli.demo.DemoB2mml;
import org.enterprisebrain.cli.demo.DemoFactory;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.api.IngestionApi;
import org.enterprisebrain.client.model.IngestRecord;
import org.enterprisebrain.client.model.IngestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the simulated plant through the public API (gateway, real token, generated client): one tick per
 * wall-clock second, each covering {@code speed} simulated seconds while the simulation is behind the wall
 * clock, then only the time that really passed. A plant never reports the future: event times ahead of the
 * wall clock would stamp derived records that Kafka refuses (more than an hour ahead by default), and a fast
 * demo would show a plant that has not happened yet. So a fast demo replays the past up to now, then runs in
 * real time.
 */
public final class DemoRunner {

  /** Simulated seconds per wall-clock second while the simulation catches up with now. */
  public static final String DEFAULT_SPEED = "60";
  /** How far back {@code brain up} and {@code brain demo} start the plant: one shift, so OEE hours show at once. */
  public static final String DEFAULT_HISTORY = "PT8H";

  /** Running totals of what the API answered. */
  public record Totals(long sent, long accepted, long rejected, long failed) {
    Totals plus(IngestResult result, int size) {
      return plus(size, result.getAccepted(), result.getRejected(), result.getFailed());
    }

    Totals plus(long size, long accepted, long rejected, long failed) {
      return new Totals(sent + size, this.accepted + accepted, this.rejected + rejected, this.failed + failed);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final IngestionApi api;
  private final org.enterprisebrain.client.api.MappingsApi mappingsApi;
  private final java.util.Set<String> storedMappings = new java.util.HashSet<>();
  private final Connection connection;
  private final com.fasterxml.jackson.databind.ObjectMapper clientJson;
  private final DemoFactory factory;
  private Totals totals = new Totals(0, 0, 0, 0);
  private boolean caughtUp;

  /** A demo whose simulated plant starts at {@code start} (ticks then advance it from there). */
  public DemoRunner(Connection connection, long seed, Instant start) {
    var client = connection.apiClient();
    this.api = new IngestionApi(client);
    this.connection = connection;
    this.clientJson = client.getObjectMapper();
    this.mappingsApi = new org.enterprisebrain.client.api.MappingsApi(client);
    this.factory = new DemoFactory(seed, start);
  }

  /** Sends master data, then {@code ticks} ticks (forever if negative), one per second of wall time. */
  public Totals run(int speed, long ticks, PrintStream out) throws InterruptedException {
    return run(speed, ticks, out, () -> { });
  }

  /**
   * As {@link #run(int, long, PrintStream)}, calling {@code live} once the simulated plant reaches the wall clock:
   * what streams live from then (the simulated devices) cannot make the replayed history late for the analytics,
   * whose watermarks follow the newest event time.
   */
  public Totals run(int speed, long ticks, PrintStream out, Runnable live) throws InterruptedException {
    send(factory.masterData(), out);
    long lastReport = System.nanoTime();
    for (long tick = 0; ticks < 0 || tick < ticks; tick++) {
      long started = System.nanoTime();
      Duration step = step(speed, Instant.now());
      if (!step.isZero()) {
        send(factory.tick(step), out);
      }
      if (!caughtUp && step.compareTo(Duration.ofSeconds(speed)) < 0) {
        caughtUp = true;
        out.println("demo: the simulated plant reached the wall clock (" + factory.clock() + "); real time from here");
        live.run();
      }
      if (System.nanoTime() - lastReport > 10_000_000_000L) {
        out.printf("demo: %,d records sent, %,d accepted, %,d rejected (deliberately bad: %d), %,d failed%n",
            totals.sent(), totals.accepted(), totals.rejected(), factory.badRecordsSoFar(), totals.failed());
        lastReport = System.nanoTime();
      }
      long wait = 1000 - (System.nanoTime() - started) / 1_000_000;
      if (wait > 0 && (ticks < 0 || tick + 1 < ticks)) {
        Thread.sleep(wait);
      }
    }
    return totals;
  }

  Duration step(int speed, Instant now) {
    return step(factory.clock(), speed, now);
  }

  /** {@code speed} seconds, or less so that a simulation at {@code clock} never passes {@code now}; zero there. */
  static Duration step(Instant clock, int speed, Instant now) {
    Duration behind = Duration.between(clock, now.truncatedTo(ChronoUnit.SECONDS));
    if (behind.isNegative()) {
      return Duration.ZERO;
    }
    Duration full = Duration.ofSeconds(speed);
    return behind.compareTo(full) < 0 ? behind : full;
  }

  /** Where the simulated plant stands: every record sent so far happened before it. */
  public Instant clock() {
    return factory.clock();
  }

  public Totals totals() {
    return totals;
  }

  public int badRecordsSoFar() {
    return factory.badRecordsSoFar();
  }

  /**
   * Sends a batch as a plant's sender does: a server error or a lost connection is tried again twice (the records
   * carry their ids, and the jobs count a record sent twice once); a refusal of the batch is not.
   */
  private IngestResult ingest(String entity, List<IngestRecord> records)
      throws ApiException {
    for (int attempt = 1; ; attempt++) {
      try {
        return api.ingestRecords(entity, records);
      } catch (ApiException e) {
        if (attempt == 3 || e.getCode() != 0 && e.getCode() < 500) {
          throw e;
        }
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The MES's B2MML documents of the tick, each through the B2MML import as the plant's MES would send it. */
  private void sendDocuments(PrintStream out) {
    for (DemoB2mml.Document document : factory.documents()) {
      try {
        java.net.http.HttpResponse<String> response = connection.importB2mml(DemoFactory.PLANT, "",
            java.net.http.HttpRequest.BodyPublishers.ofString(document.xml()));
        var result = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
          out.println("demo: B2MML " + document.name() + " not accepted (HTTP " + response.statusCode() + "): "
              + result.path("detail").asString());
          totals = totals.plus(1, 0, 0, 1);
        } else {
          totals = totals.plus(result.path("results").size(), result.path("accepted").asLong(),
              result.path("rejected").asLong(), result.path("failed").asLong());
        }
      } catch (java.io.IOException e) {
        out.println("demo: B2MML " + document.name() + " not sent: " + e.getMessage());
        totals = totals.plus(1, 0, 0, 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(List<DemoFactory.Batch> batches, PrintStream out) {
    try {
      sendBatches(batches, out);
    } finally {
      sendDocuments(out);
      sendExports(out);
    }
  }

  /**
   * The plant systems' file exports of the tick, each through the CSV upload naming its stored file mapping (stored
   * by the demo the first time, as the plant's integrator would once).
   */
  private void sendExports(PrintStream out) {
    for (DemoFactory.Export export : factory.exports()) {
      try {
        if (storedMappings.add(export.mappingName())) {
          mappingsApi.putMapping(export.mappingName(),
              new org.enterprisebrain.client.model.MappingDefinition().entity(export.entity())
                  .description("LINE-A 冷却液监测仪数据记录器的小时导出 (°F, 本地时间)").mapping(
                      clientJson.readValue(export.mapping(), org.enterprisebrain.client.model.FileMapping.class)));
        }
        IngestResult result = api.ingestCsv(export.entity(), export.csv(), null, DemoFactory.PLANT,
            export.sourceSystem(), export.sourceKind(), 1, export.mappingName(), null);
        totals = totals.plus(result, result.getResults().size());
      } catch (ApiException e) {
        out.println("demo: export " + export.name() + " not accepted (HTTP " + e.getCode() + "): "
            + e.getResponseBody());
        storedMappings.remove(export.mappingName()); // stored again next time, in case that was what failed
        totals = totals.plus(1, 0, 0, 1);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("the demo's mapping of " + export.name() + " is no FileMapping", e);
      }
    }
  }

  private void sendBatches(List<DemoFactory.Batch> batches, PrintStream out) {
    for (DemoFactory.Batch batch : batches) {
      try {
        List<IngestRecord> records = clientJson.readValue(JSON.writeValueAsString(batch.records()),
            new com.fasterxml.jackson.core.type.TypeReference<List<IngestRecord>>() { });
        totals = totals.plus(ingest(batch.entity(), records), records.size());
      } catch (ApiException e) {
        totals = new Totals(totals.sent() + batch.records().size(), totals.accepted(), totals.rejected(),
            totals.failed() + batch.records().size());
        out.println("demo: " + batch.entity() + " batch not accepted (HTTP " + e.getCode() + "): " + e.getResponseBody());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("the demo produced unreadable JSON", e);
      }
    }
  }
}
