package org.enterprisebrain.gateway;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Time is passed in, so
 * the arithmetic is tested without clocks.
 */
final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.capacity = Math.max(1, burst);
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes a token if there is one: 0; otherwise the nanoseconds until the next one. */
  synchronized long tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / perNano);
  }
}
