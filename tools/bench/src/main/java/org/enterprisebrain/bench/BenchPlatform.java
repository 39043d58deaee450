package org.enterprisebrain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.enterprisebrain.cli.LocalPlatform;

/** The platform as {@code brain up} runs it, on its own ports and temporary data, for one benchmark run. */
final class BenchPlatform {

  private BenchPlatform() {
  }

  /** Started from the checkout at {@code brain.home}; Ctrl-C stops the servers too. */
  static LocalPlatform start(String name) throws IOException {
    Path home = Path.of(System.getProperty("brain.home", ".")).toAbsolutePath().normalize();
    Path data = Files.createTempDirectory(name);
    LocalPlatform platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral(home, data,
        System.getProperty("java.class.path")), System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "bench-stop"));
    return platform;
  }
}
