package dev.stateless.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BackendCheckFailuresTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final BackendCheckFailures failures = new BackendCheckFailures(registry);

  double gauge(String app, String backend) {
    Gauge gauge = registry.find(BackendCheckFailures.NAME).tag("namespace", "ns").tag("app", app).tag("backend", backend).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  @Test
  void countsConsecutiveFailuresPerBackendAndResetsOnAPass() {
    failures.failed("ns", "shop", "redis");
    failures.failed("ns", "shop", "redis");
    failures.failed("ns", "shop", "object-storage");

    assertThat(gauge("shop", "redis")).isEqualTo(2.0);
    assertThat(gauge("shop", "object-storage")).isEqualTo(1.0);

    failures.passed("ns", "shop", "redis");
    assertThat(gauge("shop", "redis")).isZero();
    assertThat(failures.consecutiveFailures("ns", "shop", "object-storage")).isEqualTo(1);
  }

  @Test
  void aPassingBackendReportsZeroRatherThanNoSeries() {
    failures.passed("ns", "shop", "redis");

    assertThat(gauge("shop", "redis")).isZero();
  }

  @Test
  void removingTheBackendRemovesItsSeries() {
    failures.failed("ns", "shop", "redis");
    failures.failed("ns", "cart", "redis");

    failures.remove("ns", "shop", "redis");

    assertThat(registry.find(BackendCheckFailures.NAME).tag("app", "shop").gauges()).isEmpty();
    assertThat(gauge("cart", "redis")).isEqualTo(1.0);
    assertThat(failures.consecutiveFailures("ns", "shop", "redis")).isZero();
  }
}
