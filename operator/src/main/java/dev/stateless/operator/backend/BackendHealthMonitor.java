package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppLabels.Component;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backend checks off the reconcile threads and remembers their latest verdict per app.
 * A reconcile only reads the verdict (and, when the connection changed, asks for a new check), so a
 * slow or dead backend never holds up any app's reconcile. When a verdict changes, the app is
 * reconciled again through {@code onChange}; an unchanged verdict triggers nothing.
 */
public final class BackendHealthMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackendHealthMonitor.class);

  /** What is checked: the connections exactly as the app gets them. */
  record Target(Optional<RedisConnection> redis, Optional<ObjectStorageConnection> objectStorage) {

    static final Target NOTHING = new Target(Optional.empty(), Optional.empty());

    List<Component> backends() {
      List<Component> backends = new ArrayList<>();
      redis.ifPresent(r -> backends.add(Component.REDIS));
      objectStorage.ifPresent(o -> backends.add(Component.OBJECT_STORAGE));
      return backends;
    }
  }

  /** One app's checks: the target, the latest verdict, the failures in a row. */
  private static final class Tracked {
    final Target target;
    volatile BackendsVerdict verdict;
    int failures;

    Tracked(Target target) {
      this.target = target;
    }
  }

  private final BackendAccess access;
  private final CheckSchedule schedule;
  private final BackendCheckListener listener;
  private final ScheduledExecutorService executor;
  private final Map<ResourceID, Tracked> tracked = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> onChange = id -> {};
  private volatile Predicate<ResourceID> stillManaged = id -> true;

  public BackendHealthMonitor(BackendAccess access, CheckSchedule schedule) {
    this(access, schedule, BackendCheckListener.NONE);
  }

  public BackendHealthMonitor(BackendAccess access, CheckSchedule schedule, BackendCheckListener listener) {
    this.access = access;
    this.schedule = schedule;
    this.listener = listener;
    this.executor = Executors.newScheduledThreadPool(schedule.threads(), daemonThreads());
  }

  public BackendAccess access() {
    return access;
  }

  public CheckSchedule schedule() {
    return schedule;
  }

  /** Called with the app whose verdict changed, from a check thread. */
  public void onChange(Consumer<ResourceID> listener) {
    this.onChange = listener;
  }

  /**
   * Checks an app's backends only while {@code stillManaged} says the app exists. Forgetting a
   * deleted app is the deletion's job, but a reconcile that was already running when the app was
   * deleted may ask for checks after that; this stops them at their next run.
   */
  public void checkOnlyWhile(Predicate<ResourceID> stillManaged) {
    this.stillManaged = stillManaged;
  }

  /**
   * The verdict for the app's backends as resolved now. Nothing to check (no backends, or a Secret
   * problem) gives the resolver's verdict; a new or changed connection starts a check and gives
   * {@code Checking} until it reports, except the first time an app is seen (after a restart):
   * then {@code lastKnown}, the verdict already on record for these very connections, stands
   * until the check reports, so a restart does not flap the status.
   */
  public BackendsVerdict verdictFor(ResourceID app, Backends backends, Optional<BackendsVerdict> lastKnown) {
    if (!backends.anyDeclared() || !backends.problems().isEmpty()) {
      forget(app);
      return backends.verdict();
    }
    Target target = new Target(backends.redis(), backends.objectStorage());
    Tracked[] started = {null};
    Target[] replaced = {Target.NOTHING};
    Tracked current = tracked.compute(app, (id, previous) -> {
      if (previous != null && previous.target.equals(target)) {
        return previous;
      }
      started[0] = new Tracked(target);
      if (previous == null) {
        started[0].verdict = lastKnown.orElse(null);
      } else {
        replaced[0] = previous.target;
      }
      return started[0];
    });
    if (started[0] != null) {
      List<Component> dropped = replaced[0].backends();
      dropped.removeAll(target.backends());
      dropped.forEach(backend -> listener.stoppedChecking(app, backend));
      submit(app, started[0], 0);
    }
    return Optional.ofNullable(current.verdict).orElseGet(BackendsVerdict::checking);
  }

  /** Stops checking the app (deleted, or its backends removed). */
  public void forget(ResourceID app) {
    Tracked forgotten = tracked.remove(app);
    if (forgotten != null) {
      forgotten.target.backends().forEach(backend -> listener.stoppedChecking(app, backend));
    }
  }

  private void submit(ResourceID app, Tracked entry, long delayMillis) {
    try {
      executor.schedule(() -> run(app, entry), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      log.debug("Not checking the backends of {}: the operator is stopping", app);
    }
  }

  private void run(ResourceID app, Tracked entry) {
    if (tracked.get(app) != entry) {
      return; // forgotten, or replaced by a check of newer connection details
    }
    if (!stillManaged.test(app)) {
      log.debug("Not checking the backends of {} any more: the app is gone", app);
      forget(app);
      return;
    }
    BackendsVerdict verdict;
    try {
      verdict = check(app, entry);
    } catch (RuntimeException e) {
      // A check is supposed to report, not throw; keep the schedule going all the same.
      verdict = BackendsVerdict.of(List.of(ProbeResult.failed(ProbeResult.CHECK_FAILED,
          "the backend check failed unexpectedly: " + e.getClass().getSimpleName())));
    }
    if (tracked.get(app) != entry) {
      return;
    }
    BackendsVerdict previous = entry.verdict;
    entry.verdict = verdict;
    entry.failures = verdict.ready() ? 0 : entry.failures + 1;
    if (!verdict.equals(previous)) {
      log.info("Backends of StatelessApp {}: {} ({})", app, verdict.ready() ? "ready" : "not ready", verdict.message());
      onChange.accept(app);
    }
    long next = verdict.ready() ? schedule.healthyInterval().toMillis() : schedule.retryAfter(entry.failures).toMillis();
    submit(app, entry, next);
  }

  private BackendsVerdict check(ResourceID app, Tracked entry) {
    List<ProbeResult> results = new ArrayList<>();
    entry.target.redis().map(access.redis()::check).ifPresent(result -> {
      results.add(result);
      report(app, entry, Component.REDIS, result);
    });
    entry.target.objectStorage().map(access.objectStorage()::check).ifPresent(result -> {
      results.add(result);
      report(app, entry, Component.OBJECT_STORAGE, result);
    });
    return BackendsVerdict.of(results);
  }

  private void report(ResourceID app, Tracked entry, Component backend, ProbeResult result) {
    // Under the map's lock for the app, so that a check finishing as the app is forgotten cannot
    // report after forget() and bring back what it removed.
    tracked.computeIfPresent(app, (id, current) -> {
      if (current == entry) {
        listener.checked(app, backend, result.ok());
      }
      return current;
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
    tracked.clear();
    access.close();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "backend-checks-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
