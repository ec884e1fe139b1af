package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendSecrets;
import dev.stateless.operator.backend.Backends;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import dev.stateless.operator.desired.InjectedConfiguration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The app's Deployment {@code <app>}. */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class DeploymentDependent extends AppChildDependent<Deployment> {

  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return app.getMetadata().getName();
  }

  @Override
  protected Deployment build(AppSettings app, Optional<Deployment> existing) {
    return build(app, InjectedConfiguration.of(app), existing);
  }

  @Override
  protected Deployment desired(StatelessApp app, Context<StatelessApp> context) {
    AppSettings settings = new AppSettings(app);
    Optional<Deployment> existing = getSecondaryResource(app, context);
    Backends backends = Backends.in(context);
    if (!backends.ready() && existing.isPresent()) {
      return heldAsItIs(existing.get(), replicas(settings, existing));
    }
    InjectedConfiguration injected = InjectedConfiguration.of(settings, templateDigest(app, context, backends, existing));
    return DesiredStateHash.stamp(build(settings, injected, existing), unhashedPaths());
  }

  /**
   * The keyed digest of the backends' values (see {@link Backends#templateDigest}). While a binding
   * Secret, and so the key, is missing, the running template keeps its digest: nothing rolls
   * until the Secret is back.
   */
  private static String templateDigest(StatelessApp app, Context<StatelessApp> context, Backends backends,
      Optional<Deployment> existing) {
    Optional<String> key = BackendSecrets.digestKey(app, context, backends);
    if (key.isPresent()) {
      return backends.templateDigest(key.get()).orElse(null);
    }
    return existing.map(running -> running.getSpec().getTemplate().getMetadata().getAnnotations())
        .map(annotations -> annotations.get(AppPodTemplate.CONFIG_HASH_ANNOTATION))
        .orElse(null);
  }

  /**
   * Until the backends answer, the pod template is left exactly as it is: a new configuration (say,
   * a new Redis password) must not reach pods before it works, and the running version keeps
   * serving. The replica count is not configuration: {@code kubectl scale} still takes effect.
   */
  @Override
  public Result<Deployment> match(Deployment actual, StatelessApp app, Context<StatelessApp> context) {
    if (!Backends.in(context).ready()) {
      Deployment held = desired(app, context);
      return Result.computed(Objects.equals(held.getSpec().getReplicas(), actual.getSpec().getReplicas()), held);
    }
    return super.match(actual, app, context);
  }

  /** The running Deployment, unchanged but for its replica count. */
  private static Deployment heldAsItIs(Deployment running, int replicas) {
    return new DeploymentBuilder(running).editSpec().withReplicas(replicas).endSpec().build();
  }

  private Deployment build(AppSettings app, InjectedConfiguration injected, Optional<Deployment> existing) {
    return new DeploymentBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withNewSpec()
        .withReplicas(replicas(app, existing))
        .withNewSelector().withMatchLabels(AppLabels.selector(app.app())).endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        // Never below the desired count during a rollout: a new pod must be ready before an old one goes.
        .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString("25%")).endRollingUpdate()
        .endStrategy()
        .withTemplate(AppPodTemplate.forDeployment(app, injected))
        .endSpec()
        .build();
  }

  /**
   * Without autoscaling the operator owns the replica count. With it, the autoscaler does: the
   * operator sets minReplicas at creation, then keeps whatever is there (and when autoscaling is
   * switched on, never goes below what is running).
   */
  private static int replicas(AppSettings app, Optional<Deployment> existing) {
    if (app.autoscaling().isEmpty()) {
      return app.replicas();
    }
    Integer running = existing.map(d -> d.getSpec().getReplicas()).orElse(null);
    return running == null ? app.minReplicas() : Math.max(running, app.minReplicas());
  }

  @Override
  protected List<String> unhashedPaths() {
    return List.of("/spec/replicas");
  }
}
