package org.enterprisebrain.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip from Maven Central) in dev mode on JDK 17.
 *
 * <p>The distribution is unpacked once into a cache shared by tests and {@code brain up} (Quarkus
 * augments it on first start, ~30 s; later starts take ~8 s). Each instance keeps its database in its
 * own directory and gets its realm through the admin REST API, so a test never sees a stale realm.
 */
public final class KeycloakServer implements AutoCloseable {

  public static final String VERSION = "26.5.6";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ADMIN = "admin";

  private final ManagedProcess process;
  private final String baseUrl;
  private final String adminPassword;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KeycloakServer(ManagedProcess process, String baseUrl, String adminPassword) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.adminPassword = adminPassword;
  }

  /**
   * Starts Keycloak on {@code 127.0.0.1:port} with its database under {@code dataDir}; the issuer of
   * every token is {@code http://127.0.0.1:port/realms/<realm>} whatever host a client used.
   */
  public static KeycloakServer start(int port, Path dataDir, Path log) {
    Path home = installedHome();
    String url = "http://127.0.0.1:" + port;
    String adminPassword;
    try {
      Files.createDirectories(dataDir);
      adminPassword = adminPassword(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port,
        "--http-management-port=" + ManagedProcess.freePort(),
        "--hostname=" + url,
        "--db=dev-file",
        "--db-url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("keycloakdb") + ";NON_KEYWORDS=VALUE",
        "--log-level=WARN,org.keycloak.quarkus.runtime.KeycloakMain:INFO");
    Map<String, String> env = Map.of(
        "JAVA_HOME", System.getProperty("java.home"),
        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m -XX:MaxMetaspaceSize=256m",
        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
        "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    ManagedProcess process = ManagedProcess.start("keycloak", command, env, home, log);
    KeycloakServer server = new KeycloakServer(process, url, adminPassword);
    process.awaitReady(server::answers, Duration.ofMinutes(4));
    return server;
  }

  /**
   * Keycloak creates its bootstrap admin only in a new database: a restart on the same data must use the
   * password of the first start, so it is kept beside the database (owner-only).
   */
  private static String adminPassword(Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin-password");
    if (Files.isRegularFile(file)) {
      return Files.readString(file).strip();
    }
    String password = "admin-" + Secrets.randomHex(16);
    Files.writeString(file, password);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
    return password;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String issuer(String realm) {
    return baseUrl + "/realms/" + realm;
  }

  public ManagedProcess process() {
    return process;
  }

  /** Creates the realm from its JSON export, replacing one of the same name. */
  public void importRealm(String realmJson) {
    String realm = JSON.readTree(realmJson).path("realm").asString();
    String token = adminToken();
    send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + realm))
        .header("Authorization", "Bearer " + token).DELETE(), 204, 404);
    send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(realmJson)), 201);
  }

  /**
   * Lets a client of the realm redirect to {@code redirectUri} and be called from its origin (a page served
   * on a port chosen at run time, as in a browser test).
   */
  public void allowRedirect(String realm, String clientId, String redirectUri) {
    String token = adminToken();
    String clients = baseUrl + "/admin/realms/" + realm + "/clients";
    var found = JSON.readTree(send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + clientId))
        .header("Authorization", "Bearer " + token).GET(), 200));
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no client " + clientId + " in realm " + realm);
    }
    ObjectNode client = (ObjectNode) found.get(0);
    client.withArray("redirectUris").add(redirectUri);
    URI uri = URI.create(redirectUri);
    client.withArray("webOrigins").add(uri.getScheme() + "://" + uri.getAuthority());
    send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asString()))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(client.toString())), 204);
  }

  /** A token from the client-credentials grant of a confidential client. */
  public String clientToken(String realm, String clientId, String secret) {
    return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId,
        "client_secret", secret));
  }

  /** A token from the password grant (public client with direct access grants). */
  public String userToken(String realm, String clientId, String user, String password) {
    return token(realm, Map.of("grant_type", "password", "client_id", clientId, "username", user,
        "password", password, "scope", "openid"));
  }

  public String token(String realm, Map<String, String> form) {
    return requestToken(http, baseUrl, realm, form);
  }

  /** A client-credentials token from any Keycloak (e.g. the one {@code brain up} started). */
  public static String tokenFrom(String keycloakUrl, String realm, String clientId, String secret) {
    return requestToken(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), keycloakUrl, realm,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private static String requestToken(HttpClient http, String keycloakUrl, String realm, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String response = send(http, HttpRequest.newBuilder(
            URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 200);
    return JSON.readTree(response).path("access_token").asString();
  }

  @Override
  public void close() {
    process.close();
  }

  /** A token of the master realm's admin: valid, but for any brain service a token of the wrong issuer. */
  public String adminToken() {
    return token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
        "username", ADMIN, "password", adminPassword));
  }

  private boolean answers() {
    return ManagedProcess.answers200(baseUrl + "/realms/master");
  }

  private String send(HttpRequest.Builder request, int... expected) {
    return send(http, request, expected);
  }

  private static String send(HttpClient http, HttpRequest.Builder request, int... expected) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (int status : expected) {
        if (response.statusCode() == status) {
          return response.body();
        }
      }
      throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to "
          + response.request().method() + " " + response.request().uri() + ": " + response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The unpacked distribution, in {@code $BRAIN_CACHE} (default ~/.cache/enterprise-brain). The zip is
   * the one Maven downloaded ({@code -Dbrain.keycloak.dist}, else the default local repository).
   */
  public static synchronized Path installedHome() {
    Path cache = Path.of(System.getenv().getOrDefault("BRAIN_CACHE",
        System.getProperty("user.home") + "/.cache/enterprise-brain"));
    Path home = cache.resolve("keycloak-" + VERSION);
    if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
      return home;
    }
    Path zip = Path.of(System.getProperty("brain.keycloak.dist", System.getProperty("user.home")
        + "/.m2/repository/org/keycloak/keycloak-quarkus-dist/" + VERSION + "/keycloak-quarkus-dist-"
        + VERSION + ".zip"));
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("Keycloak distribution not found at " + zip
          + ": build once with Maven (brain-servers depends on it) or set -Dbrain.keycloak.dist");
    }
    try {
      Files.createDirectories(cache);
      Path staging = Files.createTempDirectory(cache, "keycloak-unpack");
      unzip(zip, staging);
      // the zip holds one top folder keycloak-<version>/; move it in place atomically
      Files.move(staging.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(staging);
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + zip, e);
    }
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("zip entry outside target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
          if (entry.getName().endsWith(".sh")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }
}
