package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.BackendAccess;
import dev.stateless.operator.backend.BackendEvents;
import dev.stateless.operator.backend.BackendHealthMonitor;
import dev.stateless.operator.backend.BackendSecrets;
import dev.stateless.operator.backend.Backends;
import dev.stateless.operator.backend.BackendsObserver;
import dev.stateless.operator.backend.CheckSchedule;
import dev.stateless.operator.backend.ObjectStorageBindingDependent;
import dev.stateless.operator.backend.ObjectStorageBindingWanted;
import dev.stateless.operator.backend.ObjectStorageCredentialsDependent;
import dev.stateless.operator.backend.ObjectStorageDeploymentDependent;
import dev.stateless.operator.backend.ObjectStorageManaged;
import dev.stateless.operator.backend.ObjectStorageServiceDependent;
import dev.stateless.operator.backend.ObjectStorageVolumeDependent;
import dev.stateless.operator.backend.RedisBindingDependent;
import dev.stateless.operator.backend.RedisBindingWanted;
import dev.stateless.operator.backend.RedisCredentialsDependent;
import dev.stateless.operator.backend.RedisDeploymentDependent;
import dev.stateless.operator.backend.RedisManaged;
import dev.stateless.operator.backend.RedisServiceDependent;
import dev.stateless.operator.dependent.AppDeploymentAllowed;
import dev.stateless.operator.dependent.AutoscalingWanted;
import dev.stateless.operator.dependent.DeploymentDependent;
import dev.stateless.operator.dependent.HorizontalPodAutoscalerDependent;
import dev.stateless.operator.dependent.ScheduledJobsDependent;
import dev.stateless.operator.dependent.JwtSecretDependent;
import dev.stateless.operator.dependent.JwtUpcomingKeySecretDependent;
import dev.stateless.operator.dependent.JwtWanted;
import dev.stateless.operator.dependent.UpcomingKeyPending;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.jwt.JwksRotation;
import dev.stateless.operator.jwt.SigningKeys;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.operator.verification.LiveObjects;
import dev.stateless.operator.verification.StatelessnessVerifier;
import dev.stateless.operator.verification.ViolationEvents;
import dev.stateless.operator.verification.ViolationGauge;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import dev.stateless.operator.dependent.PodDisruptionBudgetDependent;
import dev.stateless.operator.dependent.PodDisruptionBudgetNeeded;
import dev.stateless.operator.dependent.ServiceDependent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a StatelessApp: validate the spec, bring the children in shape (only for a valid
 * spec, so a bad edit never tears down what runs), then compute the status and write it if it
 * changed.
 *
 * <p>It has no clean-up step, so it puts no finalizer on apps, and JOSDK never calls it for an app
 * being deleted: nothing is re-created for one. Deletion is {@link DeletionPolicyReconciler}'s.
 */
// Generation-aware filtering is replaced by a filter that also lets the ignore annotation through.
@ControllerConfiguration(name = StatelessAppReconciler.NAME, generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrIgnoredRulesChanged.class))
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "deployment", type = DeploymentDependent.class, reconcilePrecondition = AppDeploymentAllowed.class),
    @Dependent(name = "service", type = ServiceDependent.class),
    @Dependent(name = "pdb", type = PodDisruptionBudgetDependent.class, reconcilePrecondition = PodDisruptionBudgetNeeded.class),
    @Dependent(name = JwtSecretDependent.NAME, type = JwtSecretDependent.class, reconcilePrecondition = JwtWanted.class),
    @Dependent(name = "jwt-upcoming-key-secret", type = JwtUpcomingKeySecretDependent.class, dependsOn = JwtSecretDependent.NAME,
        reconcilePrecondition = UpcomingKeyPending.class, useEventSourceWithName = JwtSecretDependent.NAME),
    @Dependent(name = "hpa", type = HorizontalPodAutoscalerDependent.class, reconcilePrecondition = AutoscalingWanted.class),
    @Dependent(name = "scheduled-jobs", type = ScheduledJobsDependent.class),
    @Dependent(name = "redis-credentials", type = RedisCredentialsDependent.class, reconcilePrecondition = RedisManaged.class,
        useEventSourceWithName = BackendSecrets.REDIS_EVENT_SOURCE),
    @Dependent(name = "redis-deployment", type = RedisDeploymentDependent.class, reconcilePrecondition = RedisManaged.class),
    @Dependent(name = "redis-service", type = RedisServiceDependent.class, reconcilePrecondition = RedisManaged.class),
    @Dependent(name = "redis-binding", type = RedisBindingDependent.class, reconcilePrecondition = RedisBindingWanted.class,
        useEventSourceWithName = BackendSecrets.REDIS_EVENT_SOURCE),
    @Dependent(name = "s3-credentials", type = ObjectStorageCredentialsDependent.class, reconcilePrecondition = ObjectStorageManaged.class,
        useEventSourceWithName = BackendSecrets.OBJECT_STORAGE_EVENT_SOURCE),
    @Dependent(name = "s3-volume", type = ObjectStorageVolumeDependent.class, reconcilePrecondition = ObjectStorageManaged.class),
    @Dependent(name = "s3-deployment", type = ObjectStorageDeploymentDependent.class, reconcilePrecondition = ObjectStorageManaged.class),
    @Dependent(name = "s3-service", type = ObjectStorageServiceDependent.class, reconcilePrecondition = ObjectStorageManaged.class),
    @Dependent(name = "s3-binding", type = ObjectStorageBindingDependent.class, reconcilePrecondition = ObjectStorageBindingWanted.class,
        useEventSourceWithName = BackendSecrets.OBJECT_STORAGE_EVENT_SOURCE),
})
public class StatelessAppReconciler implements Reconciler<StatelessApp> {

  public static final String NAME = "statelessapp";
  /** Where finished backend checks come in, to reconcile the app whose verdict changed. */
  static final String BACKEND_CHECKS = "backend-checks";
  private static final Logger log = LoggerFactory.getLogger(StatelessAppReconciler.class);

  private final SpecValidator validator = new SpecValidator();
  private final JwksRotation jwksRotation;
  private final StatusCalculator statusCalculator;
  private final StatusWriter statusWriter = new StatusWriter();
  private final LiveObjects liveObjects = new LiveObjects();
  private final StatelessnessVerifier verifier = new StatelessnessVerifier();
  private final ViolationEvents violationEvents;
  private final ViolationGauge violationGauge;
  private final BackendsObserver backendsObserver;
  private final BackendEvents backendEvents;
  private final BackendHealthMonitor backendHealth;
  private final SimpleInboundEventSource<StatelessApp> backendChecks;

  public StatelessAppReconciler(Clock clock, ViolationGauge violationGauge) {
    this(clock, violationGauge, new BackendHealthMonitor(BackendAccess.real(), CheckSchedule.standard()));
  }

  public StatelessAppReconciler(Clock clock, ViolationGauge violationGauge, BackendHealthMonitor backendHealth) {
    this.jwksRotation = new JwksRotation(clock);
    this.statusCalculator = new StatusCalculator(clock);
    this.violationEvents = new ViolationEvents(clock);
    this.violationGauge = violationGauge;
    this.backendsObserver = new BackendsObserver(backendHealth);
    this.backendHealth = backendHealth;
    this.backendEvents = new BackendEvents(clock);
    this.backendChecks = new SimpleInboundEventSource<>(BACKEND_CHECKS) {
      @Override
      public void stop() {
        super.stop();
        // The checks live as long as the controller: no thread or connection outlives it.
        backendHealth.close();
      }
    };
    backendHealth.onChange(backendChecks::propagateEvent);
  }

  @Override
  public List<EventSource<?, StatelessApp>> prepareEventSources(EventSourceContext<StatelessApp> context) {
    List<EventSource<?, StatelessApp>> sources = new ArrayList<>(liveObjects.eventSources(context));
    sources.addAll(BackendSecrets.informers(context));
    sources.add(backendChecks);
    backendHealth.checkOnlyWhile(app -> context.getPrimaryCache().get(app).isPresent());
    return sources;
  }

  @Override
  public UpdateControl<StatelessApp> reconcile(StatelessApp app, Context<StatelessApp> context) {
    AppSettings settings = new AppSettings(app);
    List<SpecProblem> problems = validator.validate(app);
    SigningKeys signingKeys = problems.isEmpty()
        ? SigningKeys.evaluate(settings, jwtSecret(app, SigningKeys.secretName(app), context),
            jwtSecret(app, SigningKeys.upcomingSecretName(app), context), jwksRotation)
        : new SigningKeys.NotWanted();
    Backends backends = problems.isEmpty() ? backendsObserver.observe(app, context) : null;
    if (problems.isEmpty()) {
      context.managedWorkflowAndDependentResourceContext().put(SigningKeys.CONTEXT_KEY, signingKeys);
      context.managedWorkflowAndDependentResourceContext().put(Backends.CONTEXT_KEY, backends);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } else {
      log.info("StatelessApp {}/{} has an invalid spec, children left as they are: {}",
          app.getMetadata().getNamespace(), app.getMetadata().getName(), problems);
    }
    // Without a spec there are no rules to hold the app to (and the spec's absence is the problem reported).
    StatelessnessVerifier.Findings violations = app.getSpec() == null
        ? new StatelessnessVerifier.Findings(List.of(), 0)
        : verifier.violations(app, new StatelessnessVerifier.Subjects(
            liveObjects.podsOf(app), appService(app, context), liveObjects.ingressesIn(app.getMetadata().getNamespace())));
    var observation = new StatusCalculator.Observation(problems, appDeployment(app, context), signingKeys, violations,
        backends == null ? null : backends.verdict());
    StatelessAppStatus status = statusCalculator.compute(app, observation);
    violationEvents.announceNew(context.getClient(), app, app.getStatus() == null ? null : app.getStatus().getViolations(),
        violations.listed());
    violationGauge.set(app.getMetadata().getNamespace(), app.getMetadata().getName(), violations.count());
    Optional<Condition> backendsBefore = Optional.ofNullable(app.getStatus()).flatMap(s -> s.condition(Conditions.BACKENDS_READY));
    if (statusWriter.writeIfChanged(app, status, context)) {
      backendEvents.onTransition(context.getClient(), app, backendsBefore, status.condition(Conditions.BACKENDS_READY));
    }
    UpdateControl<StatelessApp> control = UpdateControl.noUpdate();
    Stream.of(signingKeys.wakeUpAfter(), backends == null ? Optional.<Duration>empty() : backendsObserver.wakeUpAfter(settings, backends))
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder())
        .ifPresent(control::rescheduleAfter);
    return control;
  }

  /**
   * From the informer the signing key Secrets' dependents write through, which also knows their
   * own latest writes: another informer's older copy could make an upcoming key look as if its
   * private part were missing.
   */
  @SuppressWarnings("unchecked")
  private static Optional<Secret> jwtSecret(StatelessApp app, String name, Context<StatelessApp> context) {
    var informer = (InformerEventSource<Secret, StatelessApp>) context.eventSourceRetriever()
        .getEventSourceFor(Secret.class, JwtSecretDependent.NAME);
    return informer.get(new ResourceID(name, app.getMetadata().getNamespace()));
  }

  /**
   * A child the API server refuses (an invalid Deployment, a quota, a name taken by someone else's
   * object) makes the app Ready=False with the API server's words, written once however often the
   * refusal repeats; the app is tried again in {@link ChildRefusal#RETRY}, or at once when it
   * changes. Other failures are transient: JOSDK's retries, and the status as it was (with a
   * refusal among them, the refusal is reported and JOSDK retries all the same).
   */
  @Override
  public ErrorStatusUpdateControl<StatelessApp> updateErrorStatus(StatelessApp app, Context<StatelessApp> context, Exception e) {
    log.warn("Reconcile of StatelessApp {}/{} failed: {}", app.getMetadata().getNamespace(), app.getMetadata().getName(), e.toString());
    Optional<ChildRefusal.Refusals> refusals = ChildRefusal.in(e);
    if (refusals.isEmpty()) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    StatelessAppStatus previous = app.getStatus() == null
        ? new StatelessAppStatus()
        : context.getClient().getKubernetesSerialization().clone(app.getStatus());
    statusWriter.writeIfChanged(app, statusCalculator.childRejected(app, previous, refusals.get().message()), context);
    return refusals.get().onlyRefusals()
        ? ErrorStatusUpdateControl.<StatelessApp>noStatusUpdate().rescheduleAfter(ChildRefusal.RETRY)
        : ErrorStatusUpdateControl.defaultErrorProcessing();
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
