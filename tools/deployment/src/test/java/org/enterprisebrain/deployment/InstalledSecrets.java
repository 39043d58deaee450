package org.enterprisebrain.deployment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the chart's {@code lookup} of the Secret installed already sees, for a render in a test: the two calls of
 * the Kubernetes API it makes (discovery of v1, GET of one Secret), answered in-process from the Secrets put here.
 * No cluster is reachable from a test (and none exists on this machine); with none put, the render is a fresh
 * install, with one it is an upgrade. helm-java reads the kubeconfig that surefire names in KUBECONFIG, written here.
 */
final class InstalledSecrets {

  /** the release's namespace in every render of a test */
  static final String NAMESPACE = "brain";
  private static final Map<String, Map<String, String>> SECRETS = new ConcurrentHashMap<>();
  private static HttpServer server;

  private InstalledSecrets() {
  }

  /** Starts answering (once per JVM) and points the kubeconfig at it. */
  static synchronized void serve() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", InstalledSecrets::answer);
      server.start();
      Path kubeconfig = Path.of(System.getenv("KUBECONFIG"));
      Files.createDirectories(kubeconfig.getParent());
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: test, cluster: {server: "http://127.0.0.1:%d"}}]
          users: [{name: test, user: {token: test}}]
          contexts: [{name: test, context: {cluster: test, user: test, namespace: brain}}]
          current-context: test
          """.formatted(server.getAddress().getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Secret {@code name} of the release's namespace, as installed (plain values), until {@link #clear()}. */
  static void put(String name, Map<String, String> values) {
    serve();
    SECRETS.put(name, new TreeMap<>(values));
  }

  static void clear() {
    SECRETS.clear();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String prefix = "/api/v1/namespaces/" + NAMESPACE + "/secrets/";
    if ("/api/v1".equals(path)) {
      respond(exchange, 200, """
          {"kind": "APIResourceList", "groupVersion": "v1", "resources": [{"name": "secrets", "singularName": "secret",
           "namespaced": true, "kind": "Secret", "verbs": ["get", "list"]}]}""");
    } else if (path.startsWith(prefix) && SECRETS.containsKey(path.substring(prefix.length()))) {
      String name = path.substring(prefix.length());
      String data = SECRETS.get(name).entrySet().stream().map(e -> "\"" + e.getKey() + "\": \""
          + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"")
          .collect(Collectors.joining(", "));
      respond(exchange, 200, """
          {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "%s", "namespace": "brain"}, "type": "Opaque",
           "data": {%s}}""".formatted(name, data));
    } else {
      respond(exchange, 404, """
          {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404,
           "message": "%s not found"}""".formatted(path));
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
