package org.enterprisebrain.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.enterprisebrain.cli.LocalPlatform;
import org.enterprisebrain.security.OperationRoles;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.servers.KeycloakServer;
import org.enterprisebrain.servers.ManagedProcess;

/**
 * Ingestion through the gateway (JSON batches of 100 and 1,000 records of ~300 B, validated, on Kafka
 * with acks=all) beside Kafka's own ProducerPerformance on the same broker, same record size, same run.
 * Prints records/s, p50/p99 and the ratio to the raw producer.
 *
 * <p>Settings (system properties): bench.seconds (measured, default 30), bench.warmup (per batch size, default 60: on 2 cores the JIT of the services works for minutes),
 * bench.clients (concurrent HTTP clients, default 8), bench.baseline.records (default 1,000,000),
 * bench.batches (records per request, default "100,1000").
 */
public final class IngestionBench {

  static final int RECORD_BYTES = 300;

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 30);
    int warmup = Integer.getInteger("bench.warmup", 60);
    int clients = Integer.getInteger("bench.clients", 8);
    long baselineRecords = Long.getLong("bench.baseline.records", 1_000_000);
    int[] batches = java.util.Arrays.stream(System.getProperty("bench.batches", "100,1000").split(","))
        .mapToInt(b -> Integer.parseInt(b.trim())).toArray();
    String classpath = System.getProperty("java.class.path");
    try (LocalPlatform platform = BenchPlatform.start("brain-bench")) {
      LatencyStats baseline = producerPerformance(classpath, platform.kafkaBootstrap(), baselineRecords);
      String token = KeycloakServer.tokenFrom(platform.keycloakUrl(), BrainRealm.NAME, "mes-a",
          BrainRealm.demoSecret("mes-a"));
      Map<Integer, LatencyStats> results = new java.util.TreeMap<>();
      Map<Integer, String> cpu = new java.util.TreeMap<>();
      // the JIT compiles for tens of CPU seconds after start: warm both sizes up before measuring either
      for (int batch : batches) {
        run(platform.gatewayUrl(), token, batch, clients, warmup);
      }
      for (int batch : batches) {
        Map<String, Duration> before = cpuTimes(platform);
        long self = selfCpuNanos();
        LatencyStats stats = run(platform.gatewayUrl(), token, batch, clients, seconds);
        results.put(batch, stats);
        StringBuilder line = new StringBuilder("  CPU µs per record, batches of " + batch + ":");
        cpuTimes(platform).forEach((name, after) -> line.append(String.format(" %s %.1f", name,
            (after.toNanos() - before.get(name).toNanos()) / 1e3 / stats.records())));
        line.append(String.format(" bench-client %.1f", (selfCpuNanos() - self) / 1e3 / stats.records()));
        cpu.put(batch, line.toString());
      }
      System.out.println();
      System.out.printf("%-44s %12s %9s %9s %7s%n", "", "records/s", "p50 ms", "p99 ms", "ratio");
      print("raw Kafka producer (ProducerPerformance)", baseline, baseline);
      results.forEach((batch, stats) -> print("gateway ingestion, batches of " + batch
          + " (" + clients + " clients)", stats, baseline));
      cpu.values().forEach(System.out::println);
      System.out.println("(ratio = ingestion records/s ÷ raw producer records/s; latencies: producer per record,"
          + " ingestion per request until Kafka acknowledged every record of it)");
    }
  }

  static Map<String, Duration> cpuTimes(LocalPlatform platform) {
    Map<String, Duration> times = new java.util.LinkedHashMap<>();
    platform.processes().forEach(p -> times.put(p.name(), p.cpuTime()));
    return times;
  }

  static long selfCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
  }

  static void print(String name, LatencyStats stats, LatencyStats baseline) {
    System.out.printf("%-44s %,12.0f %9.1f %9.1f %7.2f%n", name, stats.recordsPerSecond(), stats.p50Millis(),
        stats.p99Millis(), stats.recordsPerSecond() / baseline.recordsPerSecond());
  }

  /** Kafka's ProducerPerformance (acks=all, idempotent: what the API promises) in its own JVM. */
  static LatencyStats producerPerformance(String classpath, String bootstrap, long records) throws Exception {
    String topic = "bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Files.createTempFile("producer-performance", ".log");
    try (ManagedProcess create = ManagedProcess.start("topic", List.of(ManagedProcess.javaBinary(), "-cp", classpath,
        "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap, "--create", "--topic", topic,
        "--partitions", "6", "--replication-factor", "1"), Map.of(), Path.of("."), log)) {
      create.awaitReady(() -> !create.isAlive(), Duration.ofMinutes(1));
    }
    return producerPerformance(classpath, bootstrap, null, topic, records, log);
  }

  /**
   * Kafka's ProducerPerformance with the services' producer settings (acks=all, idempotent, lz4, linger 5 ms) in its
   * own JVM, {@code config} (a client settings file: TLS and login) when not null; its summary, every record sent.
   */
  static LatencyStats producerPerformance(String classpath, String bootstrap, Path config, String topic, long records,
      Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(ManagedProcess.javaBinary(), "-Xmx512m", "-cp", classpath,
        "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records", Long.toString(records),
        "--record-size", Integer.toString(RECORD_BYTES), "--throughput", "-1"));
    if (config != null) {
      command.addAll(List.of("--producer.config", config.toString()));
    }
    command.addAll(List.of("--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
        "enable.idempotence=true", "compression.type=lz4", "linger.ms=5"));
    try (ManagedProcess perf = ManagedProcess.start("producer-performance", command, Map.of(), log.getParent(), log)) {
      perf.awaitReady(() -> !perf.isAlive(), Duration.ofMinutes(15));
    }
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("records sent") && lines.get(i).contains("50th")) {
        LatencyStats stats = LatencyStats.ofProducerPerformance(lines.get(i));
        if (stats.records() != records) {
          throw new IllegalStateException("sent " + stats.records() + " of " + records + ": " + lines.get(i));
        }
        return stats;
      }
    }
    throw new IllegalStateException("ProducerPerformance printed no summary:\n" + String.join("\n", lines));
  }

  /** {@code clients} threads POST batches for {@code seconds}; every record must come back accepted. */
  static LatencyStats run(String gateway, String token, int batch, int clients, int seconds) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create(gateway + OperationRoles.load("ingestion").path("ingestRecords", "operation-report"));
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong sequence = new AtomicLong();
    String run = UUID.randomUUID().toString().substring(0, 8);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() < end) {
          String body = batchOf(run, sequence.getAndAdd(batch), batch);
          long t0 = System.nanoTime();
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          latencies.add(System.nanoTime() - t0);
          if (response.statusCode() != 200 || !response.body().contains("\"accepted\":" + batch + ",")) {
            throw new IOException("batch not fully accepted (HTTP " + response.statusCode() + "): "
                + response.body().substring(0, Math.min(400, response.body().length())));
          }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
      }));
    }
    List<long[]> all = new ArrayList<>();
    try {
      for (Future<long[]> future : futures) {
        all.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] latencies = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    return LatencyStats.of((long) latencies.length * batch, elapsed, latencies);
  }

  /** A JSON array of operation reports of about {@link #RECORD_BYTES} bytes each, with unique ids. */
  static String batchOf(String run, long first, int size) {
    StringBuilder body = new StringBuilder(size * (RECORD_BYTES + 8)).append('[');
    for (int i = 0; i < size; i++) {
      long n = first + i;
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"id\":\"BENCH-").append(run).append('-').append(n)
          .append("\",\"entity\":\"operation-report\",\"schemaVersion\":1,\"source\":{\"system\":\"MES-A\",\"kind\":\"MES\"},"
              + "\"plant\":\"hz-01\",\"occurredAt\":\"2026-11-24T08:00:00+08:00\",\"payload\":{\"workOrder\":\"WO-")
          .append(n % 50).append("\",\"equipment\":\"CNC-A0").append(n % 5 + 1)
          .append("\",\"operation\":\"10\",\"good\":118,\"scrap\":2,\"start\":\"2026-11-24T07:00:00+08:00\","
              + "\"end\":\"2026-11-24T08:00:00+08:00\"}}");
    }
    return body.append(']').toString();
  }

}
