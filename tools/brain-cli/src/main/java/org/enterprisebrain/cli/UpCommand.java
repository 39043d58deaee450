package org.enterprisebrain.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.enterprisebrain.cli.demo.DemoConnections;
import org.enterprisebrain.cli.demo.DemoSparkplug;
import org.enterprisebrain.cli.demo.DemoSettings;
import org.enterprisebrain.cli.demo.DemoModel;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.standard.ApiSpec;
import org.enterprisebrain.servers.ManagedProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brain up}: the whole platform locally, every server real, plus the demo factory. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Kafka, Keycloak and every service locally, then stream the demo plant (Ctrl-C stops all)")
public final class UpCommand implements Callable<Integer> {

  @Option(names = "--home", defaultValue = "${BRAIN_HOME:-.}", description = "Project root (default: ${DEFAULT-VALUE})")
  Path home;

  @Option(names = "--no-demo", description = "Do not stream the demo plant after start")
  boolean noDemo;

  @Option(names = "--speed", defaultValue = DemoRunner.DEFAULT_SPEED,
      description = "Demo: simulated seconds per wall-clock second until the plant reaches now, then real time (default: ${DEFAULT-VALUE})")
  int speed;

  @Option(names = "--history", defaultValue = DemoRunner.DEFAULT_HISTORY,
      description = "Demo: how far back the simulated plant starts, ISO-8601 (default: ${DEFAULT-VALUE}); it never runs ahead of now")
  java.time.Duration history;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    LocalPlatform platform = LocalPlatform.start(LocalPlatform.Settings.defaults(home.toAbsolutePath().normalize()),
        System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstopping …");
      platform.close();
      System.out.println("stopped");
      stopped.countDown();
    }, "brain-down"));
    System.out.printf("%nEnterprise Brain is up (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    System.out.println("  API (gateway)      " + platform.gatewayUrl() + ApiSpec.load("ingestion").path("listStandards"));
    System.out.println("  Keycloak           " + platform.keycloakUrl() + "/admin  (realm " + BrainRealm.NAME + ")");
    System.out.println("  catalog (gateway)  " + platform.gatewayUrl() + ApiSpec.load("catalog").path("listDatasets"));
    System.out.println("  assessment         " + platform.gatewayUrl() + ApiSpec.load("assessment").path("evaluate")
        + "  (manager)");
    System.out.println("  dashboard          " + platform.gatewayUrl() + "/assessment/  (log in as manager / manager-pw)");
    System.out.println("  OPC UA (simulated) " + platform.opcUa().endpointUrl() + "  (connections: "
        + platform.gatewayUrl() + ApiSpec.load("connectors").path("listConnections") + ")");
    System.out.println("  MQTT (simulated)   " + platform.sparkplug().endpoint() + "  (Sparkplug B edge node "
        + DemoSparkplug.GROUP + "/" + DemoSparkplug.LINE + ")");
    System.out.println("  Modbus (simulated) " + platform.modbus().endpoint() + "  (utility meters, units 1 and 2)");
    System.out.println("  Kafka              " + platform.kafkaBootstrap());
    System.out.println("  Elasticsearch      " + platform.elasticsearchUrl());
    System.out.println("  PostgreSQL         " + platform.postgresJdbcUrl() + "  (postgres / postgres)");
    System.out.println("  demo users         engineer / manager / auditor / admin / integrator, password <user>-pw");
    System.out.println("  demo integrator    client demo-factory, secret " + BrainRealm.demoSecret("demo-factory"));
    System.out.println("  memory (RSS):");
    long total = 0;
    for (ManagedProcess process : platform.processes()) {
      long rss = process.residentBytes();
      total += rss;
      System.out.printf("    %-18s pid %-7d %6d MiB%n", process.name(), process.pid(), rss >> 20);
    }
    long self = ProcessHandle.current().pid();
    System.out.printf("    %-18s pid %-7d %6d MiB%n    %-18s %14d MiB%n", "brain (this)", self,
        selfRss() >> 20, "total", (total + selfRss()) >> 20);
    System.out.println("  logs               " + home.resolve(".brain/logs"));
    System.out.println("Ctrl-C stops everything.");
    if (!noDemo) {
      try {
        new DemoModel(platform.gatewayUrl()).deploy(userToken(platform, "engineer"), userToken(platform, "admin"),
            System.out);
      } catch (java.io.IOException | org.enterprisebrain.client.ApiException e) {
        // the plant streams all the same; the user is told what the registry said
        System.out.println("demo model not deployed (the demo plant streams without it): " + e.getMessage());
      }
      java.time.Instant replayFrom = java.time.Instant.now().minus(history);
      try {
        new DemoSettings(platform.gatewayUrl()).enter(userToken(platform, "manager"), userToken(platform, "engineer"),
            replayFrom, System.out);
      } catch (org.enterprisebrain.client.ApiException e) {
        System.out.println("demo settings not entered (the analytics use their defaults): " + e.getMessage());
      }
      Connection connection = new Connection();
      connection.gateway = platform.gatewayUrl();
      connection.keycloak = platform.keycloakUrl();
      connection.clientId = "demo-factory";
      connection.secret = "";
      // the devices stream live: connected once the replayed history has reached now, so their live values do not
      // make the history late for the analytics (their watermarks follow the newest event time)
      new DemoRunner(connection, 20261125, replayFrom).run(speed, -1, System.out, () -> {
        try {
          new DemoConnections(platform.gatewayUrl()).connect(userToken(platform, "admin"), platform.opcUa(),
              platform.sparkplug(), platform.modbus(), System.out);
        } catch (org.enterprisebrain.client.ApiException e) {
          System.out.println("demo devices not connected (the plant streams over REST only): " + e.getMessage());
        }
      });
    }
    stopped.await();
    return 0;
  }

  private static String userToken(LocalPlatform platform, String user) {
    return platform.keycloak().userToken(BrainRealm.NAME, BrainRealm.CONSOLE_CLIENT, user, BrainRealm.demoPassword(user));
  }

  private static long selfRss() {
    return ManagedProcess.residentBytesOf(ProcessHandle.current().pid());
  }
}
