package dev.stateless.operator.render;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.dependent.DeploymentDependent;
import dev.stateless.operator.dependent.PodDisruptionBudgetDependent;
import dev.stateless.operator.dependent.ServiceDependent;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object the operator would create for a StatelessApp, built by the same dependents the
 * reconciler runs, as if nothing existed yet. Owner references are left out: they need the app's
 * uid, which only the API server assigns.
 */
public final class AppRenderer {

  public List<HasMetadata> render(StatelessApp app) {
    AppSettings settings = new AppSettings(app);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new DeploymentDependent().render(app));
    objects.add(new ServiceDependent().render(app));
    if (PodDisruptionBudgetDependent.isNeeded(settings)) {
      objects.add(new PodDisruptionBudgetDependent().render(app));
    }
    return objects;
  }
}
