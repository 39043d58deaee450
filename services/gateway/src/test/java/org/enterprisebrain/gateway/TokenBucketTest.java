package org.enterprisebrain.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstPassesThenTheRateHolds() {
    TokenBucket bucket = new TokenBucket(2, 3, 0);
    assertThat(bucket.tryTake(0)).isZero();
    assertThat(bucket.tryTake(0)).isZero();
    assertThat(bucket.tryTake(0)).isZero();
    long wait = bucket.tryTake(0);
    assertThat(wait).isEqualTo(SECOND / 2);
    assertThat(bucket.tryTake(SECOND / 4)).isPositive();
    assertThat(bucket.tryTake(SECOND / 2)).isZero();
  }

  @Test
  void idleTimeRefillsOnlyUpToTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 2, 0);
    bucket.tryTake(0);
    bucket.tryTake(0);
    long later = 100 * SECOND;
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isZero();
    assertThat(bucket.tryTake(later)).isPositive();
  }
}
