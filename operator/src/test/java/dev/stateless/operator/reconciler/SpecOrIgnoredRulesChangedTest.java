package dev.stateless.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOrIgnoredRulesChangedTest {

  final SpecOrIgnoredRulesChanged filter = new SpecOrIgnoredRulesChanged();
  final StatelessApp stored = TestApps.app("ns", "shop");

  @Test
  void aStatusWriteIsNoReasonToReconcile() {
    StatelessApp updated = copy(stored);
    updated.setStatus(new StatelessAppStatus());
    updated.getStatus().setViolationCount(3);

    assertThat(filter.accept(updated, stored)).isFalse();
  }

  @Test
  void aSpecChangeIs() {
    StatelessApp updated = copy(stored);
    updated.getSpec().setReplicas(5);
    updated.getMetadata().setGeneration(2L);

    assertThat(filter.accept(updated, stored)).isTrue();
  }

  @Test
  void anIgnoreAnnotationChangeIsThoughTheGenerationStays() {
    StatelessApp updated = copy(stored);
    updated.getMetadata().setAnnotations(Map.of("stateless.dev/ignore", "failover-replicas"));

    assertThat(filter.accept(updated, stored)).isTrue();
    assertThat(filter.accept(stored, updated)).as("and so is its removal").isTrue();
  }

  @Test
  void anotherAnnotationIsNot() {
    StatelessApp updated = copy(stored);
    updated.getMetadata().setAnnotations(Map.of("team", "checkout"));

    assertThat(filter.accept(updated, stored)).isFalse();
  }

  private static StatelessApp copy(StatelessApp app) {
    return new KubernetesSerialization().clone(app);
  }
}
