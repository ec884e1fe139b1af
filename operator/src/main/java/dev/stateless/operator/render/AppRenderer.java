package dev.stateless.operator.render;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendObjects;
import dev.stateless.operator.dependent.DeploymentDependent;
import dev.stateless.operator.dependent.DesiredStateHash;
import dev.stateless.operator.dependent.HorizontalPodAutoscalerDependent;
import dev.stateless.operator.dependent.JwtSecretDependent;
import dev.stateless.operator.dependent.ScheduledJobsDependent;
import io.fabric8.kubernetes.api.model.Secret;
import dev.stateless.operator.dependent.PodDisruptionBudgetDependent;
import dev.stateless.operator.dependent.ServiceDependent;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every object the operator would create for a StatelessApp, built by the same dependents the
 * reconciler runs, as if nothing existed yet. Owner references are left out: they need the app's
 * uid, which only the API server assigns.
 */
public final class AppRenderer {

  public static final String REDACTED = "<generated at apply time>";

  public List<HasMetadata> render(StatelessApp app) {
    AppSettings settings = new AppSettings(app);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new DeploymentDependent().render(app));
    objects.add(new ServiceDependent().render(app));
    if (PodDisruptionBudgetDependent.isNeeded(settings)) {
      objects.add(new PodDisruptionBudgetDependent().render(app));
    }
    if (settings.autoscaling().isPresent()) {
      objects.add(new HorizontalPodAutoscalerDependent().render(app));
    }
    if (app.getSpec().getJwt() != null) {
      objects.add(new JwtSecretDependent().render(app));
    }
    objects.addAll(new ScheduledJobsDependent().render(app));
    objects.addAll(BackendObjects.render(app));
    objects.forEach(AppRenderer::redactSecrets);
    return objects;
  }

  /** Secret values are generated at apply time and never printed. */
  private static void redactSecrets(HasMetadata object) {
    if (object instanceof Secret secret) {
      Map<String, String> redacted = new TreeMap<>();
      Optional.ofNullable(secret.getData()).ifPresent(data -> data.keySet().forEach(key -> redacted.put(key, REDACTED)));
      Optional.ofNullable(secret.getStringData()).ifPresent(data -> data.keySet().forEach(key -> redacted.put(key, REDACTED)));
      secret.setData(null);
      secret.setStringData(redacted);
      secret.getMetadata().getAnnotations().remove(DesiredStateHash.ANNOTATION);
    }
  }
}
