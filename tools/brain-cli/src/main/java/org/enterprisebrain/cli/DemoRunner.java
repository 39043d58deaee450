package org.enterprisebrain.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.enterprisebrain.cli.demo.DemoFactory;
import org.enterprisebrain.client.ApiException;
import org.enterprisebrain.client.api.IngestionApi;
import org.enterprisebrain.client.model.IngestRecord;
import org.enterprisebrain.client.model.IngestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the simulated plant through the public API (gateway, real token, generated client): one
 * tick per wall-clock second, each covering {@code speed} simulated seconds.
 */
public final class DemoRunner {

  /** Running totals of what the API answered. */
  public record Totals(long sent, long accepted, long rejected, long failed) {
    Totals plus(IngestResult result, int size) {
      return new Totals(sent + size, accepted + result.getAccepted(), rejected + result.getRejected(),
          failed + result.getFailed());
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final IngestionApi api;
  private final com.fasterxml.jackson.databind.ObjectMapper clientJson;
  private final DemoFactory factory;
  private Totals totals = new Totals(0, 0, 0, 0);

  public DemoRunner(Connection connection, long seed) {
    this(connection, seed, Instant.now().minus(Duration.ofHours(1)));
  }

  /** A demo whose simulated plant starts at {@code start} (ticks then advance it from there). */
  public DemoRunner(Connection connection, long seed, Instant start) {
    var client = connection.apiClient();
    this.api = new IngestionApi(client);
    this.clientJson = client.getObjectMapper();
    this.factory = new DemoFactory(seed, start);
  }

  /** Sends master data, then {@code ticks} ticks (forever if negative), one per second of wall time. */
  public Totals run(int speed, long ticks, PrintStream out) throws InterruptedException {
    send(factory.masterData(), out);
    long lastReport = System.nanoTime();
    for (long tick = 0; ticks < 0 || tick < ticks; tick++) {
      long started = System.nanoTime();
      send(factory.tick(Duration.ofSeconds(speed)), out);
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

  public Totals totals() {
    return totals;
  }

  public int badRecordsSoFar() {
    return factory.badRecordsSoFar();
  }

  private void send(List<DemoFactory.Batch> batches, PrintStream out) {
    for (DemoFactory.Batch batch : batches) {
      try {
        List<IngestRecord> records = clientJson.readValue(JSON.writeValueAsString(batch.records()),
            new com.fasterxml.jackson.core.type.TypeReference<List<IngestRecord>>() { });
        totals = totals.plus(api.ingestRecords(batch.entity(), records), records.size());
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
