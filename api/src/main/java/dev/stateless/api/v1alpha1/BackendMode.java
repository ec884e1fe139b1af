package dev.stateless.api.v1alpha1;

/** Whether the operator runs a backend itself or connects the app to one the user runs. */
public enum BackendMode {
  /** The operator runs the backend in the app's namespace. */
  Managed,
  /** The user runs the backend; a Secret of theirs says how to reach it. */
  External
}
