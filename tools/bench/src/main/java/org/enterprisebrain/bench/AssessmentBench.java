package org.enterprisebrain.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.enterprisebrain.cli.BrainCommand;
import org.enterprisebrain.cli.LocalPlatform;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.servers.BrainRealm;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assessment's evaluation of the whole catalogue (133 clauses) as a manager's dashboard asks for it, on the
 * platform as {@code brain up} runs it with the demo plant's data, beside the baseline of the cheapest
 * authenticated call of the same service through the same gateway ({@code GET /profile}: token check, one
 * PostgreSQL read), in the same run. Then the cold case: the first request for a plant nobody asked about,
 * which waits for the evidence to be gathered from catalog, analytics and registry (spaced beyond the
 * services' answer cache).
 *
 * <p>Settings: bench.requests (each warm phase, default 300), bench.cold (plants, default 10),
 * bench.demo.ticks (demo ticks streamed first, default 18).
 */
public final class AssessmentBench {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("bench.requests", 300);
    int cold = Integer.getInteger("bench.cold", 10);
    int ticks = Integer.getInteger("bench.demo.ticks", 18);
    try (LocalPlatform platform = BenchPlatform.start("brain-assessment-bench")) {
      StringWriter demoOut = new StringWriter();
      int exit = new CommandLine(new BrainCommand()).setOut(new PrintWriter(demoOut)).execute("demo", "--speed", "600",
          "--ticks", String.valueOf(ticks), "--gateway", platform.gatewayUrl(), "--keycloak", platform.keycloakUrl());
      if (exit != 0) {
        throw new IllegalStateException("the demo failed: " + demoOut);
      }
      String manager = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "manager",
          BrainRealm.demoPassword("manager"));
      String admin = platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, "admin",
          BrainRealm.demoPassword("admin"));
      // the paths as the assessment's spec gives them
      OperationRoles spec = OperationRoles.load("assessment");
      String profile = platform.gatewayUrl() + spec.path("getProfile");
      String evaluate = platform.gatewayUrl() + spec.path("evaluate");

      // warm-up of both paths (JIT, connection pools), then alternating measurement so both see the same machine
      for (int i = 0; i < 100; i++) {
        call(profile, manager);
        call(evaluate + "?plant=hz-01", manager);
      }
      long[] baseline = new long[requests];
      long[] evaluation = new long[requests];
      long[] server = new long[requests];
      long[] gathering = new long[requests];
      for (int i = 0; i < requests; i++) {
        baseline[i] = call(profile, manager).nanos();
        Call e = call(evaluate + "?plant=hz-01", manager);
        evaluation[i] = e.nanos();
        server[i] = e.body().path("durationMs").asLong();
        gathering[i] = e.body().path("evidenceMs").asLong();
      }
      int clauses = call(evaluate + "?plant=hz-01", manager).body().path("items").size();

      long[] first = new long[cold];
      long[] firstGathering = new long[cold];
      for (int i = 0; i < cold; i++) {
        Thread.sleep(11_000); // beyond BRAIN_ASSESSMENT_EVIDENCE_TTL: every service read afresh
        Call c = call(evaluate + "?plant=bench-" + i, admin);
        first[i] = c.nanos();
        firstGathering[i] = c.body().path("evidenceMs").asLong();
      }

      double b50 = pct(baseline, 50);
      System.out.printf("%nASSESSMENT evaluation of %d clauses through the gateway, %d requests each, alternating%n",
          clauses, requests);
      System.out.printf("%-52s %9s %9s %9s %8s%n", "", "p50 ms", "p95 ms", "p99 ms", "× base");
      row("baseline GET /profile (token, one PostgreSQL read)", baseline, b50);
      row("GET /evaluation (background evidence)", evaluation, b50);
      System.out.printf("%-52s %9.1f %9.1f %9.1f%n", "  of which in the service (durationMs)", pct(server, 50),
          pct(server, 95), pct(server, 99));
      System.out.printf("%-52s %9.1f %9.1f %9.1f%n", "  background gathering it used (evidenceMs)",
          pct(gathering, 50), pct(gathering, 95), pct(gathering, 99));
      row("first request for a plant (gathers, " + cold + " plants)", first, b50);
      System.out.printf("%-52s %9.1f %9.1f %9.1f%n", "  gathering (evidenceMs)", pct(firstGathering, 50),
          pct(firstGathering, 95), pct(firstGathering, 99));
    }
  }

  record Call(long nanos, JsonNode body) {
  }

  static Call call(String url, String token) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - t0;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return new Call(nanos, JSON.readTree(r.body()));
  }

  static void row(String name, long[] nanos, double baselineP50) {
    double p50 = pct(nanos, 50);
    System.out.printf("%-52s %9.1f %9.1f %9.1f %8.1f%n", name, p50 / 1e6, pct(nanos, 95) / 1e6, pct(nanos, 99) / 1e6,
        p50 / baselineP50);
  }

  /** Nearest-rank percentile of the values, in their own unit. */
  static double pct(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return LatencyStats.percentile(sorted, p);
  }
}
