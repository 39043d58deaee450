package org.enterprisebrain.connector.connections;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads of the connector's own executors: daemons, so a connection stuck in a device's I/O never holds the
 * JVM open at shutdown, and named after what they serve (modbus-hz-01-meters-1), so a thread dump says which
 * connection a stuck thread belongs to.
 */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  public static ThreadFactory named(String name) {
    CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
    factory.setDaemon(true);
    return factory;
  }
}
