package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.dependent.AutoscalingWanted;
import dev.stateless.operator.dependent.DeploymentDependent;
import dev.stateless.operator.dependent.HorizontalPodAutoscalerDependent;
import dev.stateless.operator.dependent.ScheduledJobsDependent;
import dev.stateless.operator.dependent.JwtSecretDependent;
import dev.stateless.operator.dependent.JwtWanted;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.jwt.JwksRotation;
import dev.stateless.operator.jwt.SigningKeys;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.api.v1alpha1.Violation;
import dev.stateless.operator.verification.LiveObjects;
import dev.stateless.operator.verification.StatelessnessVerifier;
import dev.stateless.operator.verification.ViolationEvents;
import dev.stateless.operator.verification.ViolationGauge;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import dev.stateless.operator.dependent.PodDisruptionBudgetDependent;
import dev.stateless.operator.dependent.PodDisruptionBudgetNeeded;
import dev.stateless.operator.dependent.ServiceDependent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a StatelessApp: validate the spec, bring the children in shape (only for a valid
 * spec, so a bad edit never tears down what runs), then compute the status and write it if it
 * changed.
 */
@ControllerConfiguration(name = StatelessAppReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "deployment", type = DeploymentDependent.class),
    @Dependent(name = "service", type = ServiceDependent.class),
    @Dependent(name = "pdb", type = PodDisruptionBudgetDependent.class, reconcilePrecondition = PodDisruptionBudgetNeeded.class),
    @Dependent(name = "jwt-secret", type = JwtSecretDependent.class, reconcilePrecondition = JwtWanted.class),
    @Dependent(name = "hpa", type = HorizontalPodAutoscalerDependent.class, reconcilePrecondition = AutoscalingWanted.class),
    @Dependent(name = "scheduled-jobs", type = ScheduledJobsDependent.class),
})
public class StatelessAppReconciler implements Reconciler<StatelessApp> {

  public static final String NAME = "statelessapp";
  private static final Logger log = LoggerFactory.getLogger(StatelessAppReconciler.class);

  private final SpecValidator validator = new SpecValidator();
  private final JwksRotation jwksRotation;
  private final StatusCalculator statusCalculator;
  private final StatusWriter statusWriter = new StatusWriter();
  private final LiveObjects liveObjects = new LiveObjects();
  private final StatelessnessVerifier verifier = new StatelessnessVerifier();
  private final ViolationEvents violationEvents;
  private final ViolationGauge violationGauge;

  public StatelessAppReconciler(Clock clock, ViolationGauge violationGauge) {
    this.jwksRotation = new JwksRotation(clock);
    this.statusCalculator = new StatusCalculator(clock);
    this.violationEvents = new ViolationEvents(clock);
    this.violationGauge = violationGauge;
  }

  @Override
  public List<EventSource<?, StatelessApp>> prepareEventSources(EventSourceContext<StatelessApp> context) {
    return liveObjects.eventSources(context);
  }

  @Override
  public UpdateControl<StatelessApp> reconcile(StatelessApp app, Context<StatelessApp> context) {
    AppSettings settings = new AppSettings(app);
    List<SpecProblem> problems = validator.validate(app);
    SigningKeys signingKeys = problems.isEmpty()
        ? SigningKeys.evaluate(settings, secret(app, SigningKeys.secretName(app), context), jwksRotation)
        : new SigningKeys.NotWanted();
    if (problems.isEmpty()) {
      context.managedWorkflowAndDependentResourceContext().put(SigningKeys.CONTEXT_KEY, signingKeys);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } else {
      log.info("StatelessApp {}/{} has an invalid spec, children left as they are: {}",
          app.getMetadata().getNamespace(), app.getMetadata().getName(), problems);
    }
    List<Violation> violations = verifier.violations(app, new StatelessnessVerifier.Subjects(
        liveObjects.podsOf(app), appService(app, context), liveObjects.ingressesIn(app.getMetadata().getNamespace())));
    var observation = new StatusCalculator.Observation(problems, appDeployment(app, context), signingKeys, violations);
    StatelessAppStatus status = statusCalculator.compute(app, observation);
    violationEvents.announceNew(context.getClient(), app, app.getStatus() == null ? null : app.getStatus().getViolations(), violations);
    violationGauge.set(app.getMetadata().getNamespace(), app.getMetadata().getName(), violations.size());
    statusWriter.writeIfChanged(app, status, context);
    UpdateControl<StatelessApp> control = UpdateControl.noUpdate();
    signingKeys.wakeUpAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  private static Optional<Secret> secret(StatelessApp app, String name, Context<StatelessApp> context) {
    return context.getSecondaryResources(Secret.class).stream()
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst();
  }

  @Override
  public ErrorStatusUpdateControl<StatelessApp> updateErrorStatus(StatelessApp app, Context<StatelessApp> context, Exception e) {
    log.warn("Reconcile of StatelessApp {}/{} failed: {}", app.getMetadata().getNamespace(), app.getMetadata().getName(), e.toString());
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private static Optional<Service> appService(StatelessApp app, Context<StatelessApp> context) {
    return context.getSecondaryResources(Service.class).stream()
        .filter(service -> app.getMetadata().getName().equals(service.getMetadata().getName()))
        .findFirst();
  }

  private static Optional<Deployment> appDeployment(StatelessApp app, Context<StatelessApp> context) {
    return context.getSecondaryResources(Deployment.class).stream()
        .filter(d -> app.getMetadata().getName().equals(d.getMetadata().getName()))
        .findFirst();
  }
}
