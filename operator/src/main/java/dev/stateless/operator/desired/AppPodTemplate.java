package dev.stateless.operator.desired;

import dev.stateless.api.v1alpha1.EnforcementMode;
import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.rules.PodContract;
import dev.stateless.rules.RuleSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's pod: one container running the app's image with the restricted security context,
 * probes on the declared paths, the injected configuration and the user's env and resources. The
 * Deployment and the scheduled jobs' CronJobs share it, so a job sees what the app sees.
 */
public final class AppPodTemplate {

  public static final String CONTAINER_NAME = "app";
  public static final String PORT_NAME = "http";
  public static final String SCRATCH_VOLUME = PodContract.SCRATCH_VOLUME_NAME;
  public static final String ENFORCEMENT_LABEL = PodContract.ENFORCEMENT_LABEL;
  public static final String CONFIG_HASH_ANNOTATION = "stateless.dev/config-hash";

  private AppPodTemplate() {}

  /** The pod template of the app's Deployment: the serving container with probes and port. */
  public static PodTemplateSpec forDeployment(AppSettings app, InjectedConfiguration injected) {
    Container container = baseContainer(app, injected)
        .withName(CONTAINER_NAME)
        .addNewPort().withName(PORT_NAME).withContainerPort(app.port()).withProtocol("TCP").endPort()
        .withReadinessProbe(httpProbe(app.readinessPath(), 5, 3))
        .withLivenessProbe(httpProbe(app.livenessPath(), 10, 3))
        .build();
    PodSpec pod = basePodSpec(app, injected)
        .withContainers(container)
        .addNewTopologySpreadConstraint()
        .withMaxSkew(1)
        .withTopologyKey("kubernetes.io/hostname")
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector().withMatchLabels(AppLabels.selector(app.app())).endLabelSelector()
        .endTopologySpreadConstraint()
        .build();
    return template(app, AppLabels.selector(app.app()), pod, injected);
  }

  /** The pod template of a scheduled job: the app's image and configuration, the given command. */
  public static PodTemplateSpec forJob(AppSettings app, InjectedConfiguration injected, String jobName, List<String> command) {
    Container container = baseContainer(app, injected)
        .withName(jobName)
        .withCommand(command)
        .build();
    PodSpec pod = basePodSpec(app, injected)
        .withRestartPolicy("Never")
        .withContainers(container)
        .build();
    // Not the app's labels: the app's Service would send traffic to a job's pod.
    return template(app, AppLabels.of(app.app(), AppLabels.Component.SCHEDULED_JOB), pod, injected);
  }

  private static PodTemplateSpec template(AppSettings app, Map<String, String> baseLabels, PodSpec pod, InjectedConfiguration injected) {
    Map<String, String> labels = new LinkedHashMap<>(baseLabels);
    if (app.enforcement() == EnforcementMode.Enforce) {
      labels.put(ENFORCEMENT_LABEL, PodContract.ENFORCE);
    }
    // The admission policy sees only the pod: the app's settings travel on it.
    Map<String, String> annotations = new LinkedHashMap<>(PodContract.annotationsFor(RuleSettings.from(app.statelessness())));
    if (injected.referencedContentHash() != null) {
      annotations.put(CONFIG_HASH_ANNOTATION, injected.referencedContentHash());
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withSpec(pod)
        .build();
  }

  private static PodSpecBuilder basePodSpec(AppSettings app, InjectedConfiguration injected) {
    List<Volume> volumes = new ArrayList<>(injected.volumes());
    scratch(app).ifPresent(scratch -> volumes.add(new VolumeBuilder()
        .withName(SCRATCH_VOLUME)
        .withNewEmptyDir().withMedium("Memory").withSizeLimit(CanonicalQuantities.of(scratch.getSizeLimit())).endEmptyDir()
        .build()));
    return new PodSpecBuilder()
        // The app talks to its backends, not to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .build())
        .withVolumes(volumes);
  }

  private static ContainerBuilder baseContainer(AppSettings app, InjectedConfiguration injected) {
    List<VolumeMount> mounts = new ArrayList<>(injected.mounts());
    scratch(app).ifPresent(scratch -> mounts.add(new VolumeMountBuilder()
        .withName(SCRATCH_VOLUME)
        .withMountPath(scratch.getMountPath())
        .build()));
    List<EnvVar> env = new ArrayList<>(injected.env());
    Optional.ofNullable(app.spec().getEnv()).ifPresent(env::addAll);
    return new ContainerBuilder()
        .withImage(app.spec().getImage())
        .withEnv(env)
        .withResources(CanonicalQuantities.of(app.spec().getResources()))
        .withSecurityContext(restrictedSecurityContext(app))
        .withVolumeMounts(mounts);
  }

  /** The Pod Security Standards' "restricted" profile for a container. */
  static SecurityContext restrictedSecurityContext(AppSettings app) {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withReadOnlyRootFilesystem(app.readOnlyRootFilesystem())
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  private static Probe httpProbe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(PORT_NAME)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(1)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static Optional<Scratch> scratch(AppSettings app) {
    return Optional.ofNullable(app.statelessness().getScratch());
  }
}
