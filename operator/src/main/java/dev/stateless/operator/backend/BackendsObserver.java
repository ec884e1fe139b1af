package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Optional;

/**
 * The backends step of a reconcile: resolve the connections, read the latest check verdict (never
 * wait for a check), and say when to look again at what no event announces.
 */
public final class BackendsObserver {

  /** The user's Secrets are not watched: a missing one is looked for again after this long. */
  static final Duration MISSING_SECRET_RETRY = Duration.ofSeconds(30);
  /** ... and a present one is read again after this long, so a rotated credential reaches the app. */
  static final Duration USER_SECRET_REFRESH = Duration.ofMinutes(1);

  private final BackendHealthMonitor health;

  public BackendsObserver(BackendHealthMonitor health) {
    this.health = health;
  }

  public Backends observe(StatelessApp app, Context<StatelessApp> context) {
    Backends resolved = BackendSecrets.resolver(app, context).resolve(new AppSettings(app));
    return resolved.withVerdict(health.verdictFor(ResourceID.fromResource(app), resolved));
  }

  /** When to reconcile again without an event, if ever. */
  public static Optional<Duration> wakeUpAfter(AppSettings app, Backends backends) {
    if (!backends.problems().isEmpty()) {
      return Optional.of(MISSING_SECRET_RETRY);
    }
    boolean readsUserSecrets = RedisSettings.of(app).map(r -> !r.managed()).orElse(false)
        || ObjectStorageSettings.of(app).map(s -> !s.managed()).orElse(false);
    return readsUserSecrets ? Optional.of(USER_SECRET_REFRESH) : Optional.empty();
  }

  /** Stops checking a deleted app. */
  public void forget(StatelessApp app) {
    health.forget(ResourceID.fromResource(app));
  }
}
