package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.api.v1alpha1.Statelessness;
import dev.stateless.api.v1alpha1.Violation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatelessnessRulesTest {

  @Test
  void violationsComeByRuleThenInSpecOrder() {
    Pod pod = PodFixture.named("every-rule").pod();

    List<RuleViolation> violations = new StatelessnessRules(RuleSettings.defaults()).checkPod(pod);

    assertThat(violations)
        .extracting(RuleViolation::ruleId, v -> v.subject().kind(), v -> v.subject().name())
        .containsExactly(
            tuple("no-emptydir", Subject.Kind.VOLUME, "cache"),
            tuple("no-hostpath", Subject.Kind.VOLUME, "node"),
            tuple("no-pvc", Subject.Kind.VOLUME, "data"),
            tuple("no-ephemeral-volume", Subject.Kind.VOLUME, "tmp-disk"),
            tuple("no-ephemeral-volume", Subject.Kind.VOLUME, "layer"),
            tuple("read-only-root-fs", Subject.Kind.INIT_CONTAINER, "setup"),
            tuple("read-only-root-fs", Subject.Kind.CONTAINER, "app"),
            tuple("read-only-root-fs", Subject.Kind.EPHEMERAL_CONTAINER, "debugger"),
            tuple("readiness-probe", Subject.Kind.CONTAINER, "app"));
    assertThat(new StatelessnessRules(RuleSettings.defaults()).checkPod(pod)).as("deterministic").isEqualTo(violations);
  }

  @Test
  void messagesSayWhatWhyAndWhatToDo() {
    Pod pod = PodFixture.named("emptydir-init-container-only").pod();

    RuleViolation violation = new StatelessnessRules(RuleSettings.defaults()).checkPod(pod).get(0);

    assertThat(violation.message())
        .contains("volume \"warmup\"")
        .contains("mounted by init container \"warm-cache\" at /warmup")
        .contains("lost with the pod")
        .contains("spec.statelessness.scratch");
    assertThat(new StatelessnessRules(RuleSettings.defaults()).checkPod(PodFixture.named("emptydir-subpath").pod()).get(0).message())
        .contains("(subPath sessions)");
  }

  @Test
  void scratchIsComparedWithTheAppsDeclaredSize() {
    Pod pod = PodFixture.named("scratch-declared").pod(); // a 32Mi memory scratch

    assertThat(rulesWithScratch("64Mi").checkPod(pod)).isEmpty();
    assertThat(rulesWithScratch("32Mi").checkPod(pod)).isEmpty();
    assertThat(rulesWithScratch("0.03125Gi").checkPod(pod)).as("quantities, not strings").isEmpty();
    assertThat(rulesWithScratch("16Mi").checkPod(pod))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("no-emptydir");
              assertThat(v.message()).contains("sizeLimit 32Mi, larger than the declared 16Mi");
            });
    assertThat(new StatelessnessRules(RuleSettings.defaults()).checkPod(pod))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("the app declares no scratch"));
  }

  @Test
  void settingsComeFromTheStatelessAppSpec() {
    Statelessness statelessness = new Statelessness();
    statelessness.setRequireReadOnlyRootFilesystem(false);
    statelessness.setScratch(new Scratch("/tmp", "64Mi"));

    RuleSettings settings = RuleSettings.from(statelessness);

    assertThat(settings.requireReadOnlyRootFilesystem()).isFalse();
    assertThat(settings.scratch()).hasValueSatisfying(s -> {
      assertThat(s.mountPath()).isEqualTo("/tmp");
      assertThat(s.sizeLimit().toString()).isEqualTo("64Mi");
    });
    assertThat(RuleSettings.from(new Statelessness())).isEqualTo(RuleSettings.defaults());
    Pod writableRoot = PodFixture.named("read-only-root-not-required").pod();
    writableRoot.getMetadata().setAnnotations(null);
    assertThat(new StatelessnessRules(settings).checkPod(writableRoot)).isEmpty();
    assertThat(new StatelessnessRules(RuleSettings.defaults()).checkPod(writableRoot)).extracting(RuleViolation::ruleId).containsExactly("read-only-root-fs");
  }

  @Test
  void podContractCarriesTheSettingsToThePod() {
    RuleSettings settings = RuleSettings.defaults().withRequireReadOnlyRootFilesystem(false).withScratch("/tmp", "64Mi");

    Map<String, String> annotations = PodContract.annotationsFor(settings);

    assertThat(annotations)
        .containsExactly(
            Map.entry("stateless.dev/read-only-root-filesystem", "false"),
            Map.entry("stateless.dev/scratch-size-limit", "64Mi"),
            Map.entry("stateless.dev/scratch-mount-path", "/tmp"));
    io.fabric8.kubernetes.api.model.ObjectMeta metadata = new io.fabric8.kubernetes.api.model.ObjectMeta();
    metadata.setAnnotations(annotations);
    assertThat(PodContract.settingsOf(metadata)).isEqualTo(settings);
    assertThat(PodContract.annotationsFor(RuleSettings.defaults())).containsExactly(Map.entry("stateless.dev/read-only-root-filesystem", "true"));
    metadata.setAnnotations(Map.of("stateless.dev/scratch-size-limit", "a lot"));
    assertThat(PodContract.settingsOf(metadata).scratch()).as("malformed size: no scratch allowed").isEmpty();
  }

  @Test
  void statefulSetWithACleanTemplateStillBreaksNoPvc() {
    StatefulSet statefulSet =
        new KubernetesSerialization()
            .unmarshal(readResource("audit/manifests/apps/statefulset.yaml"), StatefulSet.class);
    StatelessnessRules rules = new StatelessnessRules(RuleSettings.defaults());

    assertThat(rules.checkPodTemplate(statefulSet, statefulSet.getSpec().getTemplate())).isEmpty();
    assertThat(rules.checkVolumeClaimTemplates(ObjectRef.of(statefulSet), statefulSet.getMetadata(), statefulSet.getSpec().getVolumeClaimTemplates()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("no-pvc");
              assertThat(v.subject()).isEqualTo(new Subject(Subject.Kind.VOLUME_CLAIM_TEMPLATE, "index"));
              assertThat(v.object()).isEqualTo(new ObjectRef("StatefulSet", "shop", "search"));
            });
  }

  @Test
  void ignoreAnnotationOnTheWorkloadOrItsTemplateSuppresses() {
    Pod violating = PodFixture.named("hostpath").pod();
    PodTemplateSpec template = new PodTemplateSpec(violating.getMetadata(), violating.getSpec());
    StatefulSet onWorkload =
        new StatefulSetBuilder().withNewMetadata().withName("w").addToAnnotations(PodContract.IGNORE_ANNOTATION, "no-hostpath").endMetadata().build();
    StatefulSet plain = new StatefulSetBuilder().withNewMetadata().withName("w").endMetadata().build();
    StatelessnessRules rules = new StatelessnessRules(RuleSettings.defaults());

    assertThat(rules.checkPodTemplate(onWorkload, template)).singleElement().satisfies(v -> assertThat(v.suppressed()).isTrue());
    assertThat(rules.checkPodTemplate(plain, template)).singleElement().satisfies(v -> assertThat(v.suppressed()).isFalse());
    template.getMetadata().setAnnotations(Map.of(PodContract.IGNORE_ANNOTATION, "no-hostpath"));
    assertThat(rules.checkPodTemplate(plain, template)).singleElement().satisfies(v -> assertThat(v.suppressed()).isTrue());
  }

  @Test
  void replicaFloorIsTwo() {
    StatelessnessRules rules = new StatelessnessRules(RuleSettings.defaults());
    ObjectRef deployment = new ObjectRef("Deployment", "shop", "shop");

    assertThat(rules.checkReplicaFloor(deployment, null, 2, "spec.replicas")).isEmpty();
    assertThat(rules.checkReplicaFloor(deployment, null, 1, "spec.replicas"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("failover-replicas");
              assertThat(v.message()).startsWith("spec.replicas is 1;").endsWith("Set spec.replicas to at least 2.");
            });
    assertThat(rules.checkReplicaFloor(deployment, null, null, "spec.replicas"))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("spec.replicas is unset, so 1 replica runs"));
    assertThat(rules.checkReplicaFloor(deployment, null, 0, "spec.autoscaling.minReplicas")).hasSize(1);
  }

  @Test
  void violationBecomesAStatusEntry() {
    RuleViolation onPod = new RuleViolation(Rule.NO_EMPTYDIR, new ObjectRef("Pod", "ns", "shop-6d9f7-abcde"), Subject.volume("cache"), "m");
    RuleViolation onService = new RuleViolation(Rule.NO_STICKY_SESSIONS, new ObjectRef("Service", "ns", "shop"), Subject.field("spec.sessionAffinity"), "m");

    assertThat(onPod.toStatusViolation()).isEqualTo(new Violation("shop-6d9f7-abcde", null, "no-emptydir", "m"));
    assertThat(onService.toStatusViolation()).isEqualTo(new Violation(null, "Service/shop", "no-sticky-sessions", "m"));
  }

  @Test
  void ruleIdsAreTheOnesTheApiFixes() {
    assertThat(java.util.Arrays.stream(Rule.values()).map(Rule::id))
        .containsExactly(
            "no-emptydir", "no-hostpath", "no-pvc", "no-ephemeral-volume", "read-only-root-fs",
            "no-sticky-sessions", "failover-replicas", "readiness-probe");
    assertThat(Rule.byId("no-pvc")).contains(Rule.NO_PVC);
    assertThat(Rule.byId("nope")).isEmpty();
  }

  private static StatelessnessRules rulesWithScratch(String sizeLimit) {
    return new StatelessnessRules(RuleSettings.defaults().withScratch("/tmp", sizeLimit));
  }

  private static String readResource(String path) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources", path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
