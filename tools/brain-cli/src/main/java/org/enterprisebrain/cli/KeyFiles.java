package org.enterprisebrain.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** The local platform's keys: made once per data directory, kept there readable by their owner only. */
final class KeyFiles {

  private KeyFiles() {
  }

  /** The file's text, written first from {@code made} when the file does not exist yet. */
  static String readOrMake(Path file, Supplier<String> made) {
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, made.get(), StandardCharsets.US_ASCII);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
