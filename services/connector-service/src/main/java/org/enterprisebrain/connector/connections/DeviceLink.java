package org.enterprisebrain.connector.connections;

import java.util.List;
import org.enterprisebrain.connector.api.model.BrowsedNode;

/** One running connection to a device, whatever its protocol. */
public interface DeviceLink extends AutoCloseable {

  /** Connects (retrying in the background until it can) and reads the mapped tags. */
  void start(List<TagBinding> bindings);

  /** Reads these tags from now on instead of the ones before; the session stays. */
  void remap(List<TagBinding> bindings);

  /** What the device offers under a node; null: its root. */
  List<BrowsedNode> browse(String node) throws Exception;

  LinkStatus status();

  @Override
  void close();
}
