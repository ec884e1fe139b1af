package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendEvents;
import dev.stateless.operator.backend.BackendHealthMonitor;
import dev.stateless.operator.backend.ObjectStorageCleanup;
import dev.stateless.operator.backend.ObjectStorageSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a StatelessApp whose deletion must delete data ({@code objectStorage.deletionPolicy:
 * Delete}) with a finalizer until that is done. Only such an app carries the finalizer (and one
 * switched to Retain, until its volume and keys no longer name it as their owner): any other app is
 * deleted at once, its children going by their owner references, and neither it nor its namespace
 * ever waits for the operator, even one that has been uninstalled. A change of policy adds or
 * removes the finalizer.
 *
 * <p>A controller of its own, beside {@link StatelessAppReconciler}: JOSDK hands an app being
 * deleted to a reconciler only if the controller puts its finalizer on every app ({@code Cleaner})
 * or is triggered on all events, and JOSDK 5.2 refuses the latter for a controller with a managed
 * workflow, explicitly invoked or not. So the workflow's controller never sees an app being
 * deleted, and cannot re-create anything for it; this one has no workflow and sees every event.
 */
// Status writes too: the main controller's status of a new generation is the sign that it has
// released a retained volume (see awaitingRelease). For most apps such a reconcile reads nothing.
@ControllerConfiguration(name = DeletionPolicyReconciler.NAME, triggerReconcilerOnAllEvents = true,
    generationAwareEventProcessing = false)
public class DeletionPolicyReconciler implements Reconciler<StatelessApp> {

  public static final String NAME = "statelessapp-deletion";
  /**
   * The name JOSDK gave the finalizer when it put one on every app (its default for StatelessApp):
   * apps that carry it from then are still cleaned up, or released when they need no clean-up.
   */
  public static final String FINALIZER = "statelessapps.stateless.dev/finalizer";

  private final ObjectStorageCleanup objectStorageCleanup;
  private final BackendHealthMonitor backendHealth;

  public DeletionPolicyReconciler(Clock clock, BackendHealthMonitor backendHealth) {
    this.objectStorageCleanup = new ObjectStorageCleanup(backendHealth.access().bucketRemoval(), new BackendEvents(clock));
    this.backendHealth = backendHealth;
  }

  @Override
  public UpdateControl<StatelessApp> reconcile(StatelessApp app, Context<StatelessApp> context) {
    if (context.isPrimaryResourceDeleted()) {
      // Gone for good: its backends are checked no more. (The gauges forget it through JOSDK's
      // metrics callbacks, which both controllers call.)
      backendHealth.forget(ResourceID.fromResource(app));
      return UpdateControl.noUpdate();
    }
    if (!app.isMarkedForDeletion()) {
      if (ObjectStorageCleanup.needed(app)) {
        cached(app, PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER), context);
      } else if (app.hasFinalizer(FINALIZER) && !awaitingRelease(app, context)) {
        cached(app, PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER), context);
      }
      return UpdateControl.noUpdate();
    }
    if (!app.hasFinalizer(FINALIZER)) {
      return UpdateControl.noUpdate();
    }
    Optional<Duration> retry = objectStorageCleanup.cleanup(app, context.getClient());
    if (retry.isPresent()) {
      return UpdateControl.<StatelessApp>noUpdate().rescheduleAfter(retry.get());
    }
    PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER); // the app goes: nothing to cache
    return UpdateControl.noUpdate();
  }

  /**
   * Whether an app switched from Delete to Retain must keep its finalizer a while: until the main
   * controller has taken the app's owner reference off the managed volume and keys, which it does
   * before it writes the status of the app's new generation (so that status write is the event
   * that brings the app back here, and nothing polls). While they are still owned after that (an
   * invalid spec, with which the main controller touches nothing), the app is held; its deletion
   * releases them here.
   */
  private boolean awaitingRelease(StatelessApp app, Context<StatelessApp> context) {
    if (!ObjectStorageSettings.retainsData(app)) {
      return false;
    }
    Long observed = app.getStatus() == null ? null : app.getStatus().getObservedGeneration();
    return !Objects.equals(observed, app.getMetadata().getGeneration())
        || objectStorageCleanup.retainedStillOwned(app, context.getClient());
  }

  /**
   * Hands a finalizer patch's result to the controller's cache, as JOSDK does for the writes it
   * caches itself: a reconcile that comes before the informer has delivered it (this controller sees
   * every event, and reschedules) would otherwise see the old finalizers and patch them again.
   */
  private static void cached(StatelessApp before, StatelessApp after, Context<StatelessApp> context) {
    if (after != before) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(before), after, before);
    }
  }
}
