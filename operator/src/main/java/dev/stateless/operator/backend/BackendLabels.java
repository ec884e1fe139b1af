package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppLabels;

/**
 * Label selectors of the informers that watch backend objects: scoped to one component, so each
 * informer holds the objects of its kind of backend and nothing else.
 */
public final class BackendLabels {

  public static final String REDIS_SELECTOR = AppLabels.MANAGED_SELECTOR + "," + AppLabels.COMPONENT + "=redis";
  public static final String OBJECT_STORAGE_SELECTOR = AppLabels.MANAGED_SELECTOR + "," + AppLabels.COMPONENT + "=object-storage";

  private BackendLabels() {}
}
