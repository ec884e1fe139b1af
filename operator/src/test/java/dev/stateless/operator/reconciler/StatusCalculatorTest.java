package dev.stateless.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.api.v1alpha1.Violation;
import dev.stateless.operator.jwt.SigningKeys;
import dev.stateless.operator.testing.TestApps;
import dev.stateless.operator.verification.StatelessnessVerifier.Findings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ready holds the whole contract: a valid spec, usable keys, ready backends, no violation, and an available Deployment. */
class StatusCalculatorTest {

  static final Findings NO_VIOLATIONS = new Findings(List.of(), 0);

  final StatusCalculator calculator = new StatusCalculator(Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
  final StatelessApp app = TestApps.app("ns", "shop");

  @Test
  void anAvailableAppWithoutViolationsIsReady() {
    StatelessAppStatus status = calculator.compute(app, observed(NO_VIOLATIONS));

    assertThat(condition(status, Conditions.READY)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Available");
    assertThat(condition(status, Conditions.STATELESS).getStatus()).isEqualTo("True");
  }

  @Test
  void anAppThatBreaksTheContractIsNotReadyEvenThoughItServes() {
    Findings one = new Findings(List.of(violation(1)), 1);

    StatelessAppStatus status = calculator.compute(app, observed(one));

    assertThat(condition(status, Conditions.READY)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "NotStateless");
    assertThat(condition(status, Conditions.READY).getMessage()).startsWith("1 violation (see the Stateless condition");
    assertThat(condition(status, Conditions.STATELESS)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "ViolationsFound");
    assertThat(status.getReadyReplicas()).as("the replicas still serve").isEqualTo(2);
  }

  @Test
  void theCountIsEveryViolationWhileTheListStopsAtItsCap() {
    List<Violation> listed = IntStream.rangeClosed(1, StatelessAppStatus.MAX_VIOLATIONS).mapToObj(StatusCalculatorTest::violation).toList();

    StatelessAppStatus status = calculator.compute(app, observed(new Findings(listed, 80)));

    assertThat(status.getViolations()).hasSize(StatelessAppStatus.MAX_VIOLATIONS);
    assertThat(status.getViolationCount()).isEqualTo(80);
    assertThat(condition(status, Conditions.STATELESS).getMessage()).startsWith("80 violations, the newest: ");
  }

  @Test
  void anInvalidSpecOutranksViolationsAsTheReasonForNotReady() {
    StatelessAppStatus status = calculator.compute(app, new StatusCalculator.Observation(
        List.of(new SpecProblem("spec.port", "must be 1-65535")), Optional.of(available()), new SigningKeys.NotWanted(),
        new Findings(List.of(violation(1)), 1), null));

    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, Conditions.STATELESS).getStatus()).isEqualTo("False");
  }

  @Test
  void anInvalidSpecKeepsTheSigningKeysAsTheStatusLastDescribedThem() {
    StatelessAppStatus before = new StatelessAppStatus();
    before.setJwt(new dev.stateless.api.v1alpha1.JwtStatus("2026-11-01T00-00-00Z", "2026-12-01T00:00:00Z"));
    app.setStatus(before);

    StatelessAppStatus status = calculator.compute(app, new StatusCalculator.Observation(
        List.of(new SpecProblem("spec.port", "must be 1-65535")), Optional.of(available()), new SigningKeys.NotWanted(),
        NO_VIOLATIONS, null));

    assertThat(status.getJwt()).isEqualTo(before.getJwt());
  }

  private StatusCalculator.Observation observed(Findings violations) {
    return new StatusCalculator.Observation(List.of(), Optional.of(available()), new SigningKeys.NotWanted(), violations, null);
  }

  private static Deployment available() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("shop").withGeneration(3L).endMetadata()
        .withNewSpec().withReplicas(2).endSpec()
        .withNewStatus().withObservedGeneration(3L).withReplicas(2).withReadyReplicas(2).withUpdatedReplicas(2)
        .withAvailableReplicas(2).endStatus()
        .build();
  }

  private static Violation violation(int pod) {
    return new Violation("shop-abc-" + pod, null, "no-emptydir", "volume \"cache\" is an emptyDir on the node's disk");
  }

  private static Condition condition(StatelessAppStatus status, String type) {
    return status.condition(type).orElseThrow();
  }
}
