package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendEvents;
import dev.stateless.operator.backend.BackendHealthMonitor;
import dev.stateless.operator.backend.ObjectStorageCleanup;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
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
@ControllerConfiguration(name = DeletionPolicyReconciler.NAME, triggerReconcilerOnAllEvents = true)
public class DeletionPolicyReconciler implements Reconciler<StatelessApp> {

  public static final String NAME = "statelessapp-deletion";
  /**
   * The name JOSDK gave the finalizer when it put one on every app (its default for StatelessApp):
   * apps that carry it from then are still cleaned up, or released when they need no clean-up.
   */
  public static final String FINALIZER = "statelessapps.stateless.dev/finalizer";
  /** How soon to look again whether the retained volume and keys are released. */
  static final Duration RELEASE_CHECK = Duration.ofSeconds(2);

  private final ObjectStorageCleanup objectStorageCleanup;
  private final SpecValidator validator = new SpecValidator();
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
        PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
      } else if (app.hasFinalizer(FINALIZER)) {
        if (objectStorageCleanup.retainedStillOwned(app, context.getClient())) {
          // Switched to Retain: the main controller is about to take the app's owner reference off
          // the volume and keys, and the app is held until it has. With an invalid spec it touches
          // nothing: the fix (or the deletion, which releases them here) is an event of its own.
          return validator.validate(app).isEmpty()
              ? UpdateControl.<StatelessApp>noUpdate().rescheduleAfter(RELEASE_CHECK)
              : UpdateControl.noUpdate();
        }
        PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
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
    PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
    return UpdateControl.noUpdate();
  }
}
