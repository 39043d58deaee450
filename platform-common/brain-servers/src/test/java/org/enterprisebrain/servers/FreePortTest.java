package org.enterprisebrain.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = ManagedProcess.freePort();
      assertTrue(port >= 20000 && port < 32768, "port " + port + " is in the kernel's ephemeral range");
      assertTrue(seen.add(port), "port " + port + " handed out twice");
    }
    assertEquals(200, seen.size());
    int port = ManagedProcess.freePort();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    }
  }

  @Test
  void aPortSomeoneListensOnIsSkipped() throws Exception {
    int port = ManagedProcess.freePort();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", port + 1));
      // the next candidate after port is port + 1 unless another thread drew it: taken, so skipped
      assertNotEquals(port + 1, ManagedProcess.freePort());
    }
  }
}
