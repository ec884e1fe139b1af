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

  /** The condition type; the same as the reconciler's, kept here to keep this package free of it. */
  static final String BACKENDS_READY = "BackendsReady";

  private final BackendHealthMonitor health;

  public BackendsObserver(BackendHealthMonitor health) {
    this.health = health;
  }

  public Backends observe(StatelessApp app, Context<StatelessApp> context) {
    Backends resolved = BackendSecrets.resolver(app, context).resolve(new AppSettings(app));
    Optional<BackendsVerdict> lastKnown = recorded(app)
        .filter(verdict -> resolved.contentHash().equals(BackendSecrets.publishedContentHash(app, context)));
    return resolved.withVerdict(health.verdictFor(ResourceID.fromResource(app), resolved, lastKnown));
  }

  /** The BackendsReady condition on record, as a verdict. */
  private static Optional<BackendsVerdict> recorded(StatelessApp app) {
    return Optional.ofNullable(app.getStatus())
        .flatMap(status -> status.condition(BACKENDS_READY))
        .map(c -> new BackendsVerdict("True".equals(c.getStatus()), c.getReason(), c.getMessage()));
  }

  /**
   * When to reconcile again without an event, if ever: the user's Secrets are not watched, so a
   * missing one is looked for again soon, and a present one is read again now and then, so a
   * rotated credential reaches the app.
   */
  public Optional<Duration> wakeUpAfter(AppSettings app, Backends backends) {
    if (!backends.problems().isEmpty()) {
      return Optional.of(health.schedule().missingSecretRetry());
    }
    boolean readsUserSecrets = RedisSettings.of(app).map(r -> !r.managed()).orElse(false)
        || ObjectStorageSettings.of(app).map(s -> !s.managed()).orElse(false);
    return readsUserSecrets ? Optional.of(health.schedule().userSecretRefresh()) : Optional.empty();
  }
}
