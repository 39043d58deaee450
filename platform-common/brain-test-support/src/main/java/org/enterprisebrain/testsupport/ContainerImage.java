package org.enterprisebrain.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A container image built to a docker-save tarball (Jib's {@code buildTar}, tools/base-image), run the way a
 * container runtime would without one: its layers unpacked in order into a root file system, its entrypoint
 * started there in a chroot, as the image's user, with /proc and /dev mounted in a private mount namespace.
 * Needs root (as CI has); the network is the host's.
 */
public final class ContainerImage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path rootfs;
  private final JsonNode config;

  private ContainerImage(Path rootfs, JsonNode config) {
    this.rootfs = rootfs;
    this.config = config;
  }

  /** Unpacks every layer of {@code tarball} into {@code rootfs} (emptied first). */
  public static ContainerImage unpack(Path tarball, Path rootfs) throws IOException {
    deleteRecursively(rootfs);
    Path staging = Files.createDirectories(rootfs.resolveSibling(rootfs.getFileName() + "-blobs"));
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry e = image.getNextEntry(); e != null; e = image.getNextEntry()) {
        if (e.isFile()) {
          Path blob = staging.resolve(e.getName()).normalize();
          Files.createDirectories(blob.getParent());
          Files.copy(image, blob, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    JsonNode manifest = JSON.readTree(staging.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(staging.resolve(manifest.path("Config").asString()).toFile());
    for (JsonNode layer : manifest.path("Layers")) {
      extract(staging.resolve(layer.asString()), rootfs);
    }
    for (String mountPoint : List.of("proc", "dev", "tmp")) {
      Files.createDirectories(rootfs.resolve(mountPoint));
    }
    rootfs.resolve("tmp").toFile().setWritable(true, false);
    deleteRecursively(staging);
    return new ContainerImage(rootfs, config);
  }

  public JsonNode config() {
    return config.path("config");
  }

  public Path rootfs() {
    return rootfs;
  }

  /** The image's environment (PATH, JAVA_HOME …) with {@code extra} on top. */
  public Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    config().path("Env").forEach(e -> {
      String[] kv = e.asString().split("=", 2);
      env.put(kv[0], kv.length > 1 ? kv[1] : "");
    });
    env.putAll(extra);
    return env;
  }

  /** Entrypoint followed by Cmd, as a runtime starts them. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    config().path("Entrypoint").forEach(a -> command.add(a.asString()));
    config().path("Cmd").forEach(a -> command.add(a.asString()));
    return command;
  }

  /** Starts {@code command} in the image as its configured user, output to {@code log}. */
  public Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    String user = config().path("User").asString("0");
    String root = rootfs.toAbsolutePath().toString();
    String inside = "mount -t proc proc " + root + "/proc && mount --rbind /dev " + root + "/dev && exec /usr/sbin/chroot"
        + " --userspec=" + (user.contains(":") ? user : user + ":" + user) + " " + root + " \"$@\"";
    List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child", "/bin/sh", "-c", inside, "sh"));
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment(env));
    // the host's tools (unshare, mount, sh) are found on the host's PATH before the chroot
    pb.environment().put("PATH", environment(env).getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin");
    return pb.start();
  }

  /**
   * Stops what {@link #start} started: the container's first process (PID 1 of its namespace, so every other
   * process in it ends too), then unshare. unshare's --kill-child is not enough: chroot --userspec changes the
   * user, which clears the parent-death signal, and the container outlived its test (found: Flink JVMs left
   * running after FlinkImageIT).
   */
  public static void stop(Process process) throws InterruptedException {
    List<ProcessHandle> inside = process.descendants().toList();
    inside.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : inside) {
      try {
        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("process " + p.pid() + " of the container did not end", e);
      }
    }
    process.destroyForcibly();
    process.waitFor();
  }

  /** Runs {@code command} in the image to its end; its exit code and output. */
  public Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("container-run", ".log");
    Process p = start(List.of(command), env, log);
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      stop(p);
      throw new IllegalStateException(String.join(" ", command) + " did not end in 120 s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), out);
  }

  public record Result(int exitCode, String output) {
  }

  private static void extract(Path layer, Path rootfs) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(layer))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          Path target = rootfs.resolve(e.getName()).normalize();
          if (!target.startsWith(rootfs)) {
            throw new IOException("layer entry outside the root: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
          } else if (e.isFile()) {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setExecutable((e.getMode() & 0111) != 0, false);
          }
          target.toFile().setReadable(true, false);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
