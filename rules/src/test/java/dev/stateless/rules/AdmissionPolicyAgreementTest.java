package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.rules.AdmissionPolicyEvaluator.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission policy (the committed YAML, evaluated with cel-java) and the Java engine reach the
 * same verdict on every pod fixture.
 */
class AdmissionPolicyAgreementTest {

  static final AdmissionPolicyEvaluator POLICY = new AdmissionPolicyEvaluator(PolicyFile.committedPolicy());

  static List<PodFixture> fixtures() {
    return PodFixture.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void policyAndEngineAgree(PodFixture fixture) {
    Pod pod = fixture.pod();
    Set<String> engine =
        new StatelessnessRules(PodContract.settingsOf(pod.getMetadata()))
            .checkPod(pod).stream()
                .filter(v -> !v.suppressed())
                .map(RuleViolation::ruleId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    Verdict verdict = POLICY.evaluate(fixture.celObject());

    assertThat(verdict.matched()).isTrue();
    assertThat(verdict.ruleIds()).as("policy denials for %s: %s", fixture, verdict.denials()).isEqualTo(engine);
  }

  @Test
  void denialMessagesNameTheRuleAndTheOffenders() {
    Verdict verdict = POLICY.evaluate(PodFixture.named("every-rule").celObject());

    assertThat(verdict.denials())
        .containsExactly(
            verdict.denials().stream().filter(m -> m.startsWith("no-emptydir: ")).findFirst().orElseThrow(),
            verdict.denials().stream().filter(m -> m.startsWith("no-hostpath: ")).findFirst().orElseThrow(),
            verdict.denials().stream().filter(m -> m.startsWith("no-pvc: ")).findFirst().orElseThrow(),
            verdict.denials().stream().filter(m -> m.startsWith("no-ephemeral-volume: ")).findFirst().orElseThrow(),
            verdict.denials().stream().filter(m -> m.startsWith("read-only-root-fs: ")).findFirst().orElseThrow(),
            verdict.denials().stream().filter(m -> m.startsWith("readiness-probe: ")).findFirst().orElseThrow());
    assertThat(verdict.denials().get(0)).contains("cache");
    assertThat(verdict.denials().get(1)).contains("node");
    assertThat(verdict.denials().get(2)).contains("data");
    assertThat(verdict.denials().get(3)).contains("tmp-disk, layer");
    assertThat(verdict.denials().get(4)).contains("setup, app, debugger");
    assertThat(verdict.denials().get(5)).contains("app");
  }

  @Test
  void ignoreAnnotationWithSpacesIsHonouredByThePolicy() {
    Map<String, Object> pod = PodFixture.named("ignore-annotation").celObject();

    assertThat(POLICY.evaluate(pod).denials()).isEmpty();
  }

  @Test
  void podBeingDeletedIsNotHeldToTheRules() {
    Map<String, Object> pod = PodFixture.named("every-rule").celObject();
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) pod.get("metadata");
    metadata.put("deletionTimestamp", "2026-01-01T00:00:00Z");

    assertThat(POLICY.evaluate(pod).matched()).isFalse();
  }
}
