package org.enterprisebrain.testsupport;

import java.nio.file.Path;
import org.enterprisebrain.servers.ElasticsearchServer;
import org.enterprisebrain.servers.ManagedProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Elasticsearch 8.19 node started once per test JVM (its own process, fresh data under
 * target/) and stopped when the JVM ends. Heap {@code brain.es.heap} (default 1g).
 */
public final class RealElasticsearch implements BeforeAllCallback {

  private static ElasticsearchServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server();
  }

  public static synchronized ElasticsearchServer server() {
    if (server == null) {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "elasticsearch-" + ProcessHandle.current().pid());
      ElasticsearchServer started = ElasticsearchServer.start(ElasticsearchServer.locateNode(),
          ManagedProcess.freePort(), dir.resolve("data"), dir.resolve("elasticsearch.log"),
          System.getProperty("brain.es.heap", "1g"));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "real-elasticsearch-stop"));
      server = started;
    }
    return server;
  }

  public static String url() {
    return server().url();
  }
}
