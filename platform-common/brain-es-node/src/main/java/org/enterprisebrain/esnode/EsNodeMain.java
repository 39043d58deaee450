package org.enterprisebrain.esnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Starts a real single-node Elasticsearch 8.19 without the distribution's launcher: the server jar on
 * the classpath, transport-netty4 loaded from {@code <home>/modules}. The distribution is not on Maven
 * Central; its server and transport are, which is what {@code brain up} and the tests can rely on.
 *
 * <p>Usage: {@code EsNodeMain <home> <data-dir> <http-port> <transport-port>}.
 */
public final class EsNodeMain {

  private EsNodeMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: EsNodeMain <home> <data-dir> <http-port> <transport-port>");
      System.exit(2);
    }
    long start = System.nanoTime();
    Path home = Path.of(args[0]).toAbsolutePath();
    Path data = Path.of(args[1]).toAbsolutePath();
    Path config = Files.createDirectories(data.resolve("config"));
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", data.resolve("data").toString())
        .put("path.logs", data.resolve("logs").toString())
        .put("cluster.name", "brain-local")
        .put("node.name", "brain-es-1")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", args[2])
        .put("transport.port", args[3])
        // a nearly full developer or CI disk must not turn the indices read-only mid-test
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.destructive_requires_name", true)
        // snapshots (brain backup) go to fs repositories under here
        .put("path.repo", data.resolve("snapshots").toString())
        .put("logger.level", System.getProperty("es.logger.level", "WARN"))
        .build();
    LogConfigurator.configureWithoutConfig(settings);
    Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config,
        () -> "brain-es-1");
    PluginsLoader plugins = PluginsLoader.createPluginsLoader(
        PluginsLoader.loadModulesBundles(environment.modulesDir()),
        PluginsLoader.loadPluginsBundles(environment.pluginsDir()),
        Map.of(),
        false);
    Node node = new Node(environment, plugins);
    node.start();
    System.out.printf("brain-es-node started in %.1f s, http 127.0.0.1:%s (pid %d)%n",
        (System.nanoTime() - start) / 1e9, args[2], ProcessHandle.current().pid());

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
      stopped.countDown();
    }, "es-node-stop"));
    stopped.await();
  }
}
