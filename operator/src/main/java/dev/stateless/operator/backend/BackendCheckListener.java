package dev.stateless.operator.backend;

import dev.stateless.operator.desired.AppLabels.Component;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Told the outcome of every backend check, from the check threads; e.g. to export it as a metric. */
public interface BackendCheckListener {

  /** Listens to nothing. */
  BackendCheckListener NONE = new BackendCheckListener() {
    @Override
    public void checked(ResourceID app, Component backend, boolean passed) {}

    @Override
    public void stoppedChecking(ResourceID app, Component backend) {}
  };

  /** One check of one backend of the app ({@code REDIS} or {@code OBJECT_STORAGE}) has finished. */
  void checked(ResourceID app, Component backend, boolean passed);

  /** The backend is no longer checked for the app: the app is gone, or no longer uses it. */
  void stoppedChecking(ResourceID app, Component backend);
}
