package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rule engine: plain functions from Kubernetes objects to {@link RuleViolation}s, shared by the
 * reconciler (live pods, the app's Service and Ingresses), {@code audit} (manifests) and, through
 * {@link AdmissionPolicy}, the API server. Nothing here talks to a cluster, keeps state or depends on
 * time; absent fields never throw.
 *
 * <p>Violations come in a stable order: per object, by rule (the order of {@link Rule}), then in
 * spec order (init containers, containers, ephemeral containers; volumes as listed). Violations of
 * rules the object opts out of with {@value PodContract#IGNORE_ANNOTATION} are marked suppressed.
 */
public final class StatelessnessRules {

  private final RuleSettings settings;

  public StatelessnessRules(RuleSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public RuleSettings settings() {
    return settings;
  }

  /** A live pod: the pod rules on its spec, with the pod's own ignore annotation. */
  public List<RuleViolation> checkPod(Pod pod) {
    return checkPodSpec(ObjectRef.of(pod), pod.getMetadata(), pod.getSpec());
  }

  /**
   * The pod rules on a pod spec.
   *
   * @param object the object reported (a Pod, or the workload owning a template)
   * @param metadata whose {@value PodContract#IGNORE_ANNOTATION} annotation applies; may be null
   * @param spec may be null (then nothing is reported)
   */
  public List<RuleViolation> checkPodSpec(ObjectRef object, ObjectMeta metadata, PodSpec spec) {
    return IgnoreAnnotation.apply(podViolations(object, spec), metadata);
  }

  /**
   * The pod rules on a workload's pod template; the ignore annotation may sit on the workload or on
   * the template.
   */
  public List<RuleViolation> checkPodTemplate(HasMetadata workload, PodTemplateSpec template) {
    PodSpec spec = template == null ? null : template.getSpec();
    ObjectMeta templateMetadata = template == null ? null : template.getMetadata();
    return IgnoreAnnotation.apply(podViolations(ObjectRef.of(workload), spec), workload.getMetadata(), templateMetadata);
  }

  /** {@code no-pvc} for each of a StatefulSet's volumeClaimTemplates. */
  public List<RuleViolation> checkVolumeClaimTemplates(
      ObjectRef object, ObjectMeta metadata, List<PersistentVolumeClaim> volumeClaimTemplates) {
    List<RuleViolation> violations = new ArrayList<>();
    for (PersistentVolumeClaim claim : PodView.present(volumeClaimTemplates)) {
      String name = claim.getMetadata() == null ? null : claim.getMetadata().getName();
      Subject subject = new Subject(Subject.Kind.VOLUME_CLAIM_TEMPLATE, name);
      violations.add(
          new RuleViolation(
              Rule.NO_PVC,
              object,
              subject,
              subject + " gives every replica its own persistent volume: replicas stop being"
                  + " interchangeable and keep state that outlives them. Keep files in object storage and"
                  + " shared state in Redis, and run the app as a Deployment."));
    }
    return IgnoreAnnotation.apply(violations, metadata);
  }

  /** {@code no-sticky-sessions} on a Service ({@code sessionAffinity: ClientIP}). */
  public List<RuleViolation> checkService(Service service) {
    return IgnoreAnnotation.apply(StickySessionRules.checkService(service), service.getMetadata());
  }

  /** {@code no-sticky-sessions} on an Ingress with a cookie-affinity annotation, whatever it routes to. */
  public List<RuleViolation> checkIngress(Ingress ingress) {
    return IgnoreAnnotation.apply(StickySessionRules.checkIngress(ingress), ingress.getMetadata());
  }

  /**
   * {@code no-sticky-sessions} on an Ingress only when it routes to the named Service (its default
   * backend or any rule path): how the reconciler checks the Ingresses of the app's namespace.
   */
  public List<RuleViolation> checkIngressRoutingTo(Ingress ingress, String serviceName) {
    return IgnoreAnnotation.apply(
        StickySessionRules.checkIngressRoutingTo(ingress, serviceName), ingress.getMetadata());
  }

  /**
   * {@code failover-replicas}: fewer than two replicas.
   *
   * @param replicas the count, or null when unset (one replica runs)
   * @param field where it is set, for the message: {@code spec.replicas},
   *     {@code spec.autoscaling.minReplicas}, ...
   */
  public List<RuleViolation> checkReplicaFloor(ObjectRef object, ObjectMeta metadata, Integer replicas, String field) {
    return IgnoreAnnotation.apply(ReplicaFloorRule.check(object, replicas, field), metadata);
  }

  private List<RuleViolation> podViolations(ObjectRef object, PodSpec spec) {
    List<RuleViolation> violations = new ArrayList<>();
    if (spec == null) {
      return violations;
    }
    PodView pod = new PodView(spec);
    for (PodRule rule : PodRules.ALL) {
      for (PodRule.Finding finding : rule.check(pod, settings)) {
        violations.add(new RuleViolation(rule.rule(), object, finding.subject(), finding.message()));
      }
    }
    return violations;
  }
}
