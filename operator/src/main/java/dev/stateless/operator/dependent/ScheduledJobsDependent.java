package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.ScheduledJob;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppPodTemplate;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.InjectedConfiguration;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One batch/v1 CronJob {@code <app>-<job>} per entry of spec.scheduledJobs: the app's image and
 * injected configuration, the job's command. A removed entry's CronJob is deleted; the others are
 * not touched.
 */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class ScheduledJobsDependent extends KubernetesDependentResource<CronJob, StatelessApp>
    implements CRUDKubernetesBulkDependentResource<CronJob, StatelessApp>, GarbageCollected<StatelessApp> {

  /** Names the job a CronJob runs, so the app's CronJobs can be told from anything else. */
  public static final String JOB_LABEL = "stateless.dev/scheduled-job";
  /** A run that could not start within this long after its time is skipped, not run late in a pile. */
  static final long STARTING_DEADLINE_SECONDS = 300;

  public ScheduledJobsDependent() {
    super(CronJob.class);
  }

  public static String cronJobName(StatelessApp app, ScheduledJob job) {
    return app.getMetadata().getName() + "-" + job.getName();
  }

  /** The CronJobs as {@code render} prints them. */
  public List<CronJob> render(StatelessApp app) {
    return List.copyOf(desiredResources(app).values());
  }

  @Override
  public Map<ResourceID, CronJob> desiredResources(StatelessApp app, Context<StatelessApp> context) {
    return desiredResources(app);
  }

  private Map<ResourceID, CronJob> desiredResources(StatelessApp app) {
    AppSettings settings = new AppSettings(app);
    InjectedConfiguration injected = InjectedConfiguration.of(settings);
    Map<ResourceID, CronJob> desired = new LinkedHashMap<>();
    for (ScheduledJob job : Optional.ofNullable(app.getSpec().getScheduledJobs()).orElse(List.of())) {
      CronJob cronJob = DesiredStateHash.stamp(build(settings, injected, job), List.of());
      desired.put(ResourceID.fromResource(cronJob), cronJob);
    }
    return desired;
  }

  private static CronJob build(AppSettings app, InjectedConfiguration injected, ScheduledJob job) {
    Map<String, String> labels = new LinkedHashMap<>(AppLabels.of(app.app(), AppLabels.Component.SCHEDULED_JOB));
    labels.put(JOB_LABEL, job.getName());
    return new CronJobBuilder()
        .withNewMetadata()
        .withName(cronJobName(app.app(), job))
        .withNamespace(app.namespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withSchedule(job.getSchedule())
        // Scheduled work of a replicated app must run once, not once per replica, and never overlap.
        .withConcurrencyPolicy("Forbid")
        .withStartingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
        .withTemplate(AppPodTemplate.forJob(app, injected, job.getName(), job.getCommand()))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  @Override
  public Map<ResourceID, CronJob> getSecondaryResources(StatelessApp app, Context<StatelessApp> context) {
    return context.getSecondaryResourcesAsStream(CronJob.class)
        .filter(cronJob -> isOwnedBy(cronJob, app))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  private static boolean isOwnedBy(CronJob cronJob, StatelessApp app) {
    Map<String, String> labels = Optional.ofNullable(cronJob.getMetadata().getLabels()).orElse(Map.of());
    return labels.containsKey(JOB_LABEL)
        && app.getMetadata().getName().equals(labels.get(AppLabels.NAME))
        && app.getMetadata().getNamespace().equals(cronJob.getMetadata().getNamespace());
  }

  @Override
  public Result<CronJob> match(CronJob actual, CronJob desired, StatelessApp app, Context<StatelessApp> context) {
    return Result.computed(AppChildDependent.matches(desired, actual, context), desired);
  }

  @Override
  protected void addReferenceHandlingMetadata(CronJob desired, StatelessApp app) {
    desired.getMetadata().setOwnerReferences(List.of(AppChildDependent.controllerReference(app)));
  }
}
