package dev.stateless.rules.audit;

import dev.stateless.rules.ObjectRef;
import dev.stateless.rules.PodContract;
import dev.stateless.rules.RuleViolation;
import dev.stateless.rules.StatelessnessRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs the rules over manifests: pod templates of workloads, bare Pods, Services and Ingresses; other
 * kinds are skipped. Per-object settings come from the pod template's own metadata
 * ({@link PodContract}), so a manifest rendered by the operator is judged as the cluster would judge
 * it; a plain manifest gets the strict defaults.
 */
final class ManifestAuditor {

  /** A HorizontalPodAutoscaler target: replicas then come from the HPA's minReplicas. */
  private record ScaleTarget(String kind, String namespace, String name) {}

  private record Autoscaler(String name, Integer minReplicas) {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Function<java.nio.file.Path, String> uriOf;
  private final List<AuditFinding> findings = new ArrayList<>();
  private final List<UnreadableManifestException> problems = new ArrayList<>();
  private int objectsChecked;

  ManifestAuditor(Function<java.nio.file.Path, String> uriOf) {
    this.uriOf = uriOf;
  }

  /** Checks every document; those that do not fit their kind's schema end up in {@link #problems()}. */
  AuditResult audit(int files, List<ManifestDocument> documents) {
    List<ManifestDocument> objects = expandLists(documents);
    Map<ScaleTarget, Autoscaler> autoscalers = autoscalers(objects);
    for (ManifestDocument document : objects) {
      try {
        check(document, autoscalers);
      } catch (UnreadableManifestException e) {
        problems.add(e);
      }
    }
    return new AuditResult(files, objectsChecked, List.copyOf(findings));
  }

  List<UnreadableManifestException> problems() {
    return List.copyOf(problems);
  }

  private void check(ManifestDocument document, Map<ScaleTarget, Autoscaler> autoscalers) throws UnreadableManifestException {
    String kind = document.kind();
    if (kind == null) {
      return;
    }
    switch (kind) {
      case "Pod" -> {
        Pod pod = read(document, Pod.class);
        report(document, rulesFor(pod.getMetadata()).checkPod(pod));
      }
      case "Deployment" -> {
        Deployment deployment = read(document, Deployment.class);
        PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        checkTemplate(document, deployment, template);
        checkReplicas(document, deployment, deployment.getSpec() == null ? null : deployment.getSpec().getReplicas(), autoscalers);
      }
      case "StatefulSet" -> {
        StatefulSet statefulSet = read(document, StatefulSet.class);
        PodTemplateSpec template = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getTemplate();
        checkTemplate(document, statefulSet, template);
        if (statefulSet.getSpec() != null) {
          report(
              document,
              rulesFor(templateMetadata(template))
                  .checkVolumeClaimTemplates(
                      ObjectRef.of(statefulSet), statefulSet.getMetadata(), statefulSet.getSpec().getVolumeClaimTemplates()));
        }
        checkReplicas(document, statefulSet, statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas(), autoscalers);
      }
      case "ReplicaSet" -> {
        ReplicaSet replicaSet = read(document, ReplicaSet.class);
        PodTemplateSpec template = replicaSet.getSpec() == null ? null : replicaSet.getSpec().getTemplate();
        checkTemplate(document, replicaSet, template);
        checkReplicas(document, replicaSet, replicaSet.getSpec() == null ? null : replicaSet.getSpec().getReplicas(), autoscalers);
      }
      case "ReplicationController" -> {
        ReplicationController controller = read(document, ReplicationController.class);
        PodTemplateSpec template = controller.getSpec() == null ? null : controller.getSpec().getTemplate();
        checkTemplate(document, controller, template);
        checkReplicas(document, controller, controller.getSpec() == null ? null : controller.getSpec().getReplicas(), autoscalers);
      }
      // One pod per node, by design: the replica floor does not apply.
      case "DaemonSet" -> {
        DaemonSet daemonSet = read(document, DaemonSet.class);
        checkTemplate(document, daemonSet, daemonSet.getSpec() == null ? null : daemonSet.getSpec().getTemplate());
      }
      // Batch pods run to completion and are not failed over to: no replica floor either.
      case "Job" -> {
        Job job = read(document, Job.class);
        checkTemplate(document, job, job.getSpec() == null ? null : job.getSpec().getTemplate());
      }
      case "CronJob" -> {
        CronJob cronJob = read(document, CronJob.class);
        PodTemplateSpec template =
            cronJob.getSpec() == null
                    || cronJob.getSpec().getJobTemplate() == null
                    || cronJob.getSpec().getJobTemplate().getSpec() == null
                ? null
                : cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
        checkTemplate(document, cronJob, template);
      }
      case "Service" -> {
        Service service = read(document, Service.class);
        objectsChecked++;
        report(document, rulesFor(null).checkService(service));
      }
      // Every apiVersion of Ingress carries the affinity in annotations, which the v1 model reads.
      case "Ingress" -> {
        Ingress ingress = read(document, Ingress.class);
        objectsChecked++;
        report(document, rulesFor(null).checkIngress(ingress));
      }
      default -> {
        // Not a kind the rules speak about (ConfigMap, HPA, CRDs, ...).
      }
    }
  }

  private void checkTemplate(ManifestDocument document, HasMetadata workload, PodTemplateSpec template) {
    objectsChecked++;
    report(document, rulesFor(templateMetadata(template)).checkPodTemplate(workload, template));
  }

  private void checkReplicas(
      ManifestDocument document, HasMetadata workload, Integer replicas, Map<ScaleTarget, Autoscaler> autoscalers) {
    ObjectRef ref = ObjectRef.of(workload);
    Autoscaler autoscaler = autoscalers.get(new ScaleTarget(ref.kind(), ref.namespace(), ref.name()));
    List<RuleViolation> violations =
        autoscaler == null
            ? rulesFor(null).checkReplicaFloor(ref, workload.getMetadata(), replicas, "spec.replicas")
            : rulesFor(null)
                .checkReplicaFloor(
                    ref,
                    workload.getMetadata(),
                    autoscaler.minReplicas(),
                    "spec.minReplicas of HorizontalPodAutoscaler " + autoscaler.name());
    report(document, violations);
  }

  private void report(ManifestDocument document, List<RuleViolation> violations) {
    String uri = uriOf.apply(document.file());
    violations.forEach(v -> findings.add(new AuditFinding(uri, document.line(), v)));
  }

  private static StatelessnessRules rulesFor(ObjectMeta podMetadata) {
    return new StatelessnessRules(PodContract.settingsOf(podMetadata));
  }

  private static ObjectMeta templateMetadata(PodTemplateSpec template) {
    return template == null ? null : template.getMetadata();
  }

  /** {@code kind: List} (and {@code *List}) documents, as kubectl prints them, become their items. */
  @SuppressWarnings("unchecked")
  private static List<ManifestDocument> expandLists(List<ManifestDocument> documents) {
    List<ManifestDocument> expanded = new ArrayList<>();
    for (ManifestDocument document : documents) {
      String kind = document.kind();
      if (kind != null && kind.endsWith("List") && document.content().get("items") instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> map) {
            expanded.add(new ManifestDocument(document.file(), document.line(), (Map<String, Object>) map));
          }
        }
      } else {
        expanded.add(document);
      }
    }
    return expanded;
  }

  private Map<ScaleTarget, Autoscaler> autoscalers(List<ManifestDocument> documents) {
    Map<ScaleTarget, Autoscaler> autoscalers = new HashMap<>();
    for (ManifestDocument document : documents) {
      if ("HorizontalPodAutoscaler".equals(document.kind())) {
        // autoscaling/v1 and v2 share scaleTargetRef and minReplicas.
        HorizontalPodAutoscaler hpa;
        try {
          hpa = read(document, HorizontalPodAutoscaler.class);
        } catch (UnreadableManifestException e) {
          problems.add(e);
          continue;
        }
        if (hpa.getSpec() != null && hpa.getSpec().getScaleTargetRef() != null) {
          String namespace = hpa.getMetadata() == null ? null : hpa.getMetadata().getNamespace();
          String name = hpa.getMetadata() == null ? null : hpa.getMetadata().getName();
          autoscalers.put(
              new ScaleTarget(hpa.getSpec().getScaleTargetRef().getKind(), namespace, hpa.getSpec().getScaleTargetRef().getName()),
              new Autoscaler(Objects.requireNonNullElse(name, "<unnamed>"), hpa.getSpec().getMinReplicas()));
        }
      }
    }
    return autoscalers;
  }

  private static <T> T read(ManifestDocument document, Class<T> type) throws UnreadableManifestException {
    try {
      return SERIALIZATION.convertValue(document.content(), type);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new UnreadableManifestException(
          document.file(), document.line(), "not a valid " + document.kind() + ": " + message);
    }
  }
}
