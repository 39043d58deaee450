package org.enterprisebrain.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.enterprisebrain.testsupport.ContainerImage;
import org.junit.jupiter.api.Test;

/**
 * The base image the build wrote, unpacked as a container runtime would and run in a chroot as its non-root
 * user: the JRE starts from nothing but the image's own files.
 */
class BaseImageIT {

  static final Path TAR = Path.of(System.getProperty("brain.base-image", "target/brain-jre17.tar"));

  @Test
  void theImageIsADockerSaveTarballWhoseJreRunsAloneAsNonRoot() throws Exception {
    ContainerImage image = ContainerImage.unpack(TAR, Path.of("target", "base-image-rootfs"));
    assertThat(image.config().path("User").asString()).isEqualTo("65532");
    assertThat(image.environment(Map.of())).containsEntry("JAVA_HOME", "/opt/java");
    assertThat(Files.readString(image.rootfs().resolve("etc/passwd"))).contains("nonroot:x:65532:65532");

    ContainerImage.Result settings = image.run(Map.of(), "java", "-XshowSettings:properties", "-version");
    assertThat(settings.exitCode()).as(settings.output()).isZero();
    assertThat(settings.output()).contains("java.specification.version = 17", "user.name = nonroot",
        "java.home = /opt/java");
    ContainerImage.Result modules = image.run(Map.of(), "java", "--list-modules");
    assertThat(modules.output()).contains("java.desktop", "java.sql", "jdk.crypto.ec", "jdk.unsupported");
    // the image holds no shell: what is not there cannot be used against it
    assertThat(image.rootfs().resolve("bin/sh")).doesNotExist();
  }
}
