package dev.stateless.api.v1alpha1;

/** What happens to stored data when the StatelessApp is deleted. */
public enum DeletionPolicy {
  /** Keep the bucket and the managed volumes: no uploaded file is lost. */
  Retain,
  /** Delete the bucket and the managed volumes with the app. */
  Delete
}
