package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects with every field null, and lists holding nulls: no check may throw. */
class NullFieldsTest {

  static final StatelessnessRules RULES = new StatelessnessRules(RuleSettings.defaults().withScratch(null, "64Mi"));

  @Test
  void podWithNothingSetHasNoViolations() {
    assertThat(RULES.checkPod(new Pod())).isEmpty();
    assertThat(RULES.checkPodSpec(new ObjectRef(null, null, null), null, null)).isEmpty();
    assertThat(RULES.checkPodSpec(new ObjectRef(null, null, null), new ObjectMeta(), new PodSpec())).isEmpty();
  }

  @Test
  void nullEntriesAndNullFieldsInsideASpecAreRead() {
    Container bare = new Container();
    EphemeralContainer bareEphemeral = new EphemeralContainer();
    Container withNullMounts = new Container();
    withNullMounts.setSecurityContext(new SecurityContext());
    withNullMounts.setVolumeMounts(Arrays.asList(null, new VolumeMount()));
    withNullMounts.setPorts(Arrays.asList(null, null));
    Volume sourceless = new Volume();
    Volume emptyDirWithNulls = new Volume();
    emptyDirWithNulls.setName("scratch");
    emptyDirWithNulls.setEmptyDir(new EmptyDirVolumeSource());
    Volume hostPathWithNulls = new Volume();
    hostPathWithNulls.setHostPath(new HostPathVolumeSource());
    Volume claimWithNulls = new Volume();
    claimWithNulls.setPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource());
    Volume unknownWithNullValue = new Volume();
    Map<String, Object> unknown = new HashMap<>();
    unknown.put("futureType", null);
    unknownWithNullValue.setAdditionalProperties(unknown);
    PodSpec spec = new PodSpec();
    spec.setContainers(Arrays.asList(null, bare, withNullMounts));
    spec.setInitContainers(Arrays.asList((Container) null));
    spec.setEphemeralContainers(Arrays.asList(null, bareEphemeral));
    spec.setVolumes(Arrays.asList(null, sourceless, emptyDirWithNulls, hostPathWithNulls, claimWithNulls, unknownWithNullValue));
    ObjectMeta metadata = new ObjectMeta();
    metadata.setAnnotations(new HashMap<>(Map.of(PodContract.IGNORE_ANNOTATION, " , ,")));

    List<RuleViolation> violations = RULES.checkPodSpec(new ObjectRef("Pod", null, null), metadata, spec);

    assertThat(violations)
        .extracting(RuleViolation::ruleId, v -> v.subject().kind(), v -> v.subject().name())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("no-emptydir", Subject.Kind.VOLUME, null),
            org.assertj.core.groups.Tuple.tuple("no-emptydir", Subject.Kind.VOLUME, "scratch"),
            org.assertj.core.groups.Tuple.tuple("no-emptydir", Subject.Kind.VOLUME, null),
            org.assertj.core.groups.Tuple.tuple("no-hostpath", Subject.Kind.VOLUME, null),
            org.assertj.core.groups.Tuple.tuple("no-pvc", Subject.Kind.VOLUME, null),
            org.assertj.core.groups.Tuple.tuple("read-only-root-fs", Subject.Kind.CONTAINER, null),
            org.assertj.core.groups.Tuple.tuple("read-only-root-fs", Subject.Kind.CONTAINER, null),
            org.assertj.core.groups.Tuple.tuple("read-only-root-fs", Subject.Kind.EPHEMERAL_CONTAINER, null));
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank().doesNotContain("null"));
  }

  @Test
  void serviceIngressTemplateAndClaimsWithNothingSet() {
    Ingress ingressWithNulls = new Ingress();
    IngressSpec ingressSpec = new IngressSpec();
    ingressSpec.setDefaultBackend(new IngressBackend());
    IngressRule ruleWithoutHttp = new IngressRule();
    IngressRule ruleWithNullPaths = new IngressRule();
    ruleWithNullPaths.setHttp(new HTTPIngressRuleValue());
    HTTPIngressPath pathWithoutBackend = new HTTPIngressPath();
    IngressRule ruleWithEmptyPath = new IngressRule();
    ruleWithEmptyPath.setHttp(new HTTPIngressRuleValue(Arrays.asList(null, pathWithoutBackend)));
    ingressSpec.setRules(Arrays.asList(null, ruleWithoutHttp, ruleWithNullPaths, ruleWithEmptyPath));
    ingressWithNulls.setSpec(ingressSpec);
    Service serviceWithEmptySpec = new Service();
    serviceWithEmptySpec.setSpec(new ServiceSpec());

    assertThat(RULES.checkService(new Service())).isEmpty();
    assertThat(RULES.checkService(serviceWithEmptySpec)).isEmpty();
    assertThat(RULES.checkIngress(new Ingress())).isEmpty();
    assertThat(RULES.checkIngress(ingressWithNulls)).isEmpty();
    assertThat(RULES.checkIngressRoutingTo(new Ingress(), "shop")).isEmpty();
    assertThat(RULES.checkIngressRoutingTo(ingressWithNulls, null)).isEmpty();
    assertThat(RULES.checkPodTemplate(new Deployment(), null)).isEmpty();
    assertThat(RULES.checkPodTemplate(new Deployment(), new PodTemplateSpec())).isEmpty();
    assertThat(RULES.checkVolumeClaimTemplates(new ObjectRef(null, null, null), null, null)).isEmpty();
    assertThat(RULES.checkVolumeClaimTemplates(new ObjectRef("StatefulSet", null, "s"), null, Arrays.asList(null, new PersistentVolumeClaim())))
        .extracting(RuleViolation::ruleId)
        .containsExactly("no-pvc");
    assertThat(RULES.checkReplicaFloor(new ObjectRef(null, null, null), null, null, "spec.replicas"))
        .extracting(RuleViolation::ruleId)
        .containsExactly("failover-replicas");
  }

  @Test
  void settingsFromMissingMetadataAreTheStrictDefaults() {
    assertThat(PodContract.settingsOf(null)).isEqualTo(RuleSettings.defaults());
    assertThat(PodContract.settingsOf(new ObjectMeta())).isEqualTo(RuleSettings.defaults());
    assertThat(RuleSettings.from(null)).isEqualTo(RuleSettings.defaults());
    assertThat(new RuleSettings(true, null).scratch()).isEmpty();
  }
}
