package dev.stateless.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * The statelessness rules, with the stable ids that the operator's status, the admission policy and
 * {@code audit} share. The title and help text feed SARIF rule metadata and documentation, so they are
 * written for the person who has to fix the manifest.
 */
public enum Rule {
  NO_EMPTYDIR(
      "no-emptydir",
      "No emptyDir volumes (except the declared memory scratch)",
      "An emptyDir lives on one node and dies with its pod: whatever a replica writes there is lost"
          + " when the pod goes and is never seen by the other replicas, so a request that lands on"
          + " another pod finds different state. Keep sessions and caches in Redis and uploads in object"
          + " storage. For temporary files, declare spec.statelessness.scratch: the operator then adds one"
          + " memory-backed emptyDir named \"scratch\" with a sizeLimit, the only emptyDir allowed."),
  NO_HOSTPATH(
      "no-hostpath",
      "No hostPath volumes",
      "A hostPath volume reads and writes the node's own disk: data stays behind on one node, a"
          + " rescheduled pod sees other data, and the pod can reach the host. Move the data to Redis or"
          + " object storage, or to a configMap/secret if it is configuration."),
  NO_PVC(
      "no-pvc",
      "No persistent volumes",
      "A persistentVolumeClaim (or a StatefulSet volumeClaimTemplate, or an in-tree persistent disk"
          + " such as nfs or awsElasticBlockStore) ties pods to storage that outlives them: replicas stop"
          + " being interchangeable and scaling or failover has to move disks. Keep durable data in the"
          + " app's backing services: object storage for files, Redis for shared state."),
  NO_EPHEMERAL_VOLUME(
      "no-ephemeral-volume",
      "No generic ephemeral, CSI inline or unlisted volume types",
      "A generic ephemeral volume or a CSI inline volume is per-pod storage provisioned with the pod;"
          + " writes land on one replica only and vanish with it. Only configMap, secret, projected"
          + " (including serviceAccountToken) and downwardAPI volumes are allowed, because they carry"
          + " configuration, not state; any other volume type, including one this version does not"
          + " know, is reported here. Move the data to Redis or object storage."),
  READ_ONLY_ROOT_FS(
      "read-only-root-fs",
      "Containers run with a read-only root filesystem",
      "A writable root filesystem lets a container keep files locally without anyone noticing; they"
          + " disappear on restart and differ between replicas. Set"
          + " securityContext.readOnlyRootFilesystem: true on every container, init container and"
          + " ephemeral container, and write temporary files to the declared scratch volume."),
  NO_STICKY_SESSIONS(
      "no-sticky-sessions",
      "No sticky sessions",
      "Session affinity (a Service with sessionAffinity: ClientIP, or an Ingress with cookie affinity)"
          + " pins a client to one pod, which hides state kept in that pod and breaks the client when"
          + " that pod goes. Keep sessions in Redis, set sessionAffinity: None and remove the affinity"
          + " annotation from the Ingress."),
  FAILOVER_REPLICAS(
      "failover-replicas",
      "At least two replicas",
      "With fewer than two replicas (or HorizontalPodAutoscaler minReplicas) there is nothing to fail"
          + " over to: a restart, a node drain or a rollout makes the app unavailable. Run at least two"
          + " replicas."),
  READINESS_PROBE(
      "readiness-probe",
      "Containers serving traffic have a readiness probe",
      "Without a readiness probe a pod receives traffic before it can serve it and keeps receiving it"
          + " while it cannot, so failover between replicas is not clean. Add a readinessProbe to every"
          + " container that declares ports.");

  private final String id;
  private final String title;
  private final String help;

  Rule(String id, String title, String help) {
    this.id = id;
    this.title = title;
    this.help = help;
  }

  /** The stable id, e.g. {@code no-emptydir}. */
  public String id() {
    return id;
  }

  /** A one-line summary. */
  public String title() {
    return title;
  }

  /** Why the rule exists and how to comply. */
  public String help() {
    return help;
  }

  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
