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
    // Patches with optimistic locking and caches the result, so the reconcile that the write itself
    // triggers sees the new status and does not write it a second time.
    PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(app, context, fresh -> {
      fresh.setStatus(next);
      return fresh;
    });
    return true;
  }
}
