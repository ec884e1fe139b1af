package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's verdict on every pod fixture is the one its comments promise. */
class PodRulesFixtureTest {

  static List<PodFixture> fixtures() {
    return PodFixture.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void engineFindsExactlyTheExpectedRules(PodFixture fixture) {
    Pod pod = fixture.pod();
    List<RuleViolation> violations = new StatelessnessRules(PodContract.settingsOf(pod.getMetadata())).checkPod(pod);

    assertThat(violations.stream().filter(v -> !v.suppressed()).map(RuleViolation::ruleId).collect(Collectors.toSet()))
        .as("unsuppressed rule ids of %s: %s", fixture, violations)
        .isEqualTo(fixture.expected());
    assertThat(violations.stream().filter(RuleViolation::suppressed).map(RuleViolation::ruleId).collect(Collectors.toSet()))
        .as("suppressed rule ids of %s", fixture)
        .isEqualTo(fixture.expectedSuppressed());
    assertThat(violations)
        .allSatisfy(
            v -> {
              assertThat(v.object()).isEqualTo(new ObjectRef("Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
              assertThat(v.message()).as("message names what it concerns").contains(v.subject().toString());
            });
  }
}
