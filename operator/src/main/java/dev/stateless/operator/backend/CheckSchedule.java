package dev.stateless.operator.backend;

import java.time.Duration;

/**
 * When backends are checked again: quickly and then less often while failing (a managed server
 * takes a few seconds to start, an outage may take hours), and now and then while healthy, so a
 * backend that goes away is noticed. The user's Secrets are not watched, so they are read again
 * on a schedule too: soon while one is missing, now and then while it is there.
 * {@code threads} bounds how many checks run at once, across all apps.
 */
public record CheckSchedule(
    Duration firstRetry, Duration maxRetry, Duration healthyInterval,
    Duration missingSecretRetry, Duration userSecretRefresh, int threads) {

  public static CheckSchedule standard() {
    return new CheckSchedule(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(30), Duration.ofSeconds(60), 4);
  }

  /** The wait after the given number of consecutive failures (1 or more): doubling, capped. */
  public Duration retryAfter(int failures) {
    Duration wait = firstRetry;
    for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
