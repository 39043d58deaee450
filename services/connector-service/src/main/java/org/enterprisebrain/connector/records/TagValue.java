package org.enterprisebrain.connector.records;

import java.time.Instant;

/**
 * One value a device reported for one tag, protocol-neutral.
 *
 * @param value the decoded value (Number, Boolean, String, …); null when the device sent none
 * @param status the protocol's status in its own words (OPC UA: the status code's name)
 * @param quality good, uncertain or bad — the data standard's telemetry quality
 * @param sourceTime when the device sampled it; null when it did not say
 */
public record TagValue(String tag, Object value, String status, String quality, Instant sourceTime) {

  public boolean good() {
    return "good".equals(quality);
  }
}
