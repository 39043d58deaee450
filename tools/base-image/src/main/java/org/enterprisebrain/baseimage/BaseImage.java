package org.enterprisebrain.baseimage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the services' base image as a docker-save tarball (manifest.json, config, one layer): a JRE made
 * by jlink from the building JDK, every shared library it loads (as {@code ldd} finds them on this Linux),
 * the non-root user 65532 and a world-writable /tmp. No registry and no Docker engine are needed, and the
 * same inputs give the same bytes (fixed timestamps, sorted entries).
 *
 * <p>Arguments: the tarball to write, its tag, a work directory.
 */
public final class BaseImage {

  /** What Spring Boot, Kafka clients, JDBC, PDF/XLSX reports (java.desktop) and JMX/JFR need. */
  static final List<String> MODULES = List.of("java.base", "java.compiler", "java.datatransfer", "java.desktop",
      "java.instrument", "java.logging", "java.management", "java.management.rmi", "java.naming", "java.net.http",
      "java.prefs", "java.rmi", "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql",
      "java.sql.rowset", "java.transaction.xa", "java.xml", "java.xml.crypto", "jdk.crypto.ec",
      "jdk.crypto.cryptoki", "jdk.localedata", "jdk.management", "jdk.management.agent", "jdk.naming.dns",
      "jdk.net", "jdk.unsupported", "jdk.zipfs", "jdk.jfr", "jdk.httpserver", "jdk.charsets", "jdk.security.auth",
      "jdk.attach");
  static final String JAVA_HOME = "opt/java";
  static final int USER = 65532;
  /** 1980-01-01: a fixed time, so that rebuilding gives the same layer digest. */
  static final long EPOCH_SECONDS = 315532800L;

  private BaseImage() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: BaseImage <out.tar> <tag> <work-dir>");
    }
    Path out = Path.of(args[0]);
    Path work = Path.of(args[2]);
    long t0 = System.nanoTime();
    Path jre = jlink(work);
    TreeMap<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(jre)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.put(JAVA_HOME + "/" + jre.relativize(f), f));
    }
    for (String lib : sharedLibraries(jre)) {
      files.put(lib.substring(1), Path.of(lib)); // dereferenced: the file a link names is stored at the link's path
    }
    write(out, args[1], files);
    System.out.printf("base image %s: %d files, %.1f MB, %.1f s%n", out, files.size(), Files.size(out) / 1e6,
        (System.nanoTime() - t0) / 1e9);
  }

  static Path jlink(Path work) throws IOException, InterruptedException {
    Path jre = work.resolve("jre");
    deleteRecursively(jre);
    Files.createDirectories(work);
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    if (!Files.isExecutable(jlink)) {
      throw new IllegalStateException("no jlink in " + System.getProperty("java.home") + ": build with a full JDK 17");
    }
    run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files",
        "--no-man-pages", "--compress=2", "--output", jre.toString()), true);
    return jre;
  }

  /** Absolute paths of every library the JRE's binaries load, with the dynamic loader. */
  static Set<String> sharedLibraries(Path jre) throws IOException, InterruptedException {
    List<String> binaries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(jre)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".so") || f.getParent().getFileName().toString().equals("bin"))
          .forEach(f -> binaries.add(f.toString()));
    }
    Set<String> libs = new TreeSet<>();
    for (String binary : binaries) {
      // a library with no dependencies of its own makes ldd exit 1 ("statically linked"): not an error here
      for (String line : run(List.of("ldd", binary), false).split("\n")) {
        String l = line.strip();
        int arrow = l.indexOf("=> ");
        String path = arrow >= 0 ? l.substring(arrow + 3) : l;
        int paren = path.indexOf(" (");
        path = paren >= 0 ? path.substring(0, paren).strip() : path.strip();
        if (path.startsWith("/") && !path.startsWith(jre.toString())) {
          libs.add(path);
        }
      }
    }
    if (libs.stream().noneMatch(l -> l.contains("ld-linux"))) {
      throw new IllegalStateException("ldd named no dynamic loader for " + jre + ": " + libs);
    }
    return libs;
  }

  static void write(Path out, String tag, TreeMap<String, Path> files) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    // the layer first, into memory (about 100 MB): its digest names it in the config
    ByteArrayOutputStream layer = new ByteArrayOutputStream(128 << 20);
    MessageDigest sha = sha256();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(layer, sha))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Set<String> dirs = new TreeSet<>(List.of("etc", "tmp", "home", "home/nonroot"));
      files.keySet().forEach(f -> {
        for (Path p = Path.of(f).getParent(); p != null; p = p.getParent()) {
          dirs.add(p.toString());
        }
      });
      for (String dir : dirs) {
        TarArchiveEntry e = entry(dir + "/", dir.equals("tmp") ? 01777 : 0755);
        if (dir.equals("home/nonroot")) {
          e.setIds(USER, USER);
        }
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      text(tar, "etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n"
          + "nonroot:x:" + USER + ":" + USER + ":nonroot:/home/nonroot:/sbin/nologin\n");
      text(tar, "etc/group", "root:x:0:\nnonroot:x:" + USER + ":\n");
      text(tar, "etc/nsswitch.conf", "hosts: files dns\n");
      for (var f : files.entrySet()) {
        byte[] bytes = Files.readAllBytes(f.getValue());
        boolean exec = Files.getPosixFilePermissions(f.getValue()).contains(PosixFilePermission.OWNER_EXECUTE);
        TarArchiveEntry e = entry(f.getKey(), exec ? 0755 : 0644);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    String layerDigest = HexFormat.of().formatHex(sha.digest());
    String config = """
        {"architecture":"amd64","os":"linux","created":"1980-01-01T00:00:00Z",\
        "config":{"User":"%d","Env":["PATH=/%s/bin:/usr/bin:/bin","JAVA_HOME=/%s","LANG=C.UTF-8"],"WorkingDir":"/"},\
        "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},\
        "history":[{"created":"1980-01-01T00:00:00Z","created_by":"enterprise-brain tools/base-image: jlink JRE 17 and its libraries"}]}"""
        .formatted(USER, JAVA_HOME, JAVA_HOME, layerDigest);
    String configName = HexFormat.of().formatHex(sha256().digest(config.getBytes(StandardCharsets.UTF_8))) + ".json";
    String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\""
        + layerDigest + "/layer.tar\"]}]";
    try (OutputStream file = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      text(tar, "manifest.json", manifest);
      text(tar, configName, config);
      TarArchiveEntry e = entry(layerDigest + "/layer.tar", 0644);
      e.setSize(layer.size());
      tar.putArchiveEntry(e);
      layer.writeTo(tar);
      tar.closeArchiveEntry();
    }
  }

  static TarArchiveEntry entry(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode((name.endsWith("/") ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777) | mode);
    e.setModTime(EPOCH_SECONDS * 1000);
    e.setIds(0, 0);
    return e;
  }

  static void text(TarArchiveOutputStream tar, String name, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = entry(name, 0644);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  static String run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || (mustSucceed && p.exitValue() != 0)) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
