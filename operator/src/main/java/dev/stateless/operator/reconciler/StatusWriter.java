package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;

/** Writes a StatelessApp's status only when it differs from the stored one. */
public final class StatusWriter {

  /** Returns whether a write was made. */
  public boolean writeIfChanged(StatelessApp app, StatelessAppStatus next, Context<StatelessApp> context) {
    if (Objects.equals(app.getStatus(), next)) {
      return false;
    }
    // Both writes carry the resourceVersion (optimistic locking) and cache their result, so the
    // reconcile that the write itself triggers sees the new status and does not write it again.
    if (app.getStatus() == null || new StatelessAppStatus().equals(app.getStatus())) {
      // Never written. Most apps carry no finalizer and have no status stanza yet; an app with
      // deletionPolicy Delete may already have had its metadata patched (the finalizer, added by
      // DeletionPolicyReconciler at the same time), which leaves a null status that a JSON Patch
      // has no /status to add into. Putting the first status whole is right in both cases.
      PrimaryUpdateAndCacheUtils.updateAndCacheResource(app, context,
          current -> {
            StatelessApp withStatus = context.getClient().getKubernetesSerialization().clone(current);
            withStatus.setStatus(next);
            return withStatus;
          },
          withStatus -> context.getClient().resource(withStatus).updateStatus());
    } else {
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(app, context, fresh -> {
        fresh.setStatus(next);
        return fresh;
      });
    }
    return true;
  }
}
