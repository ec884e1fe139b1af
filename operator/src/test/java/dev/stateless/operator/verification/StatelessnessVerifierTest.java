package dev.stateless.operator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.StatelessAppStatus;
import dev.stateless.api.v1alpha1.Violation;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What status lists and counts: newest pods first, at most 50 listed, every one counted. */
class StatelessnessVerifierTest {

  final StatelessnessVerifier verifier = new StatelessnessVerifier();

  @Test
  void listsTheNewestFiftyAndCountsThemAll() {
    List<Pod> pods = IntStream.rangeClosed(1, 60).mapToObj(StatelessnessVerifierTest::podWithCacheOnDisk).toList();

    StatelessnessVerifier.Findings findings =
        verifier.violations(TestApps.app("ns", "shop"), new StatelessnessVerifier.Subjects(pods, Optional.empty(), List.of()));

    assertThat(findings.count()).isEqualTo(60);
    assertThat(findings.listed()).hasSize(StatelessAppStatus.MAX_VIOLATIONS);
    assertThat(findings.listed()).extracting(Violation::getPod).startsWith("shop-60", "shop-59").endsWith("shop-11");
  }

  @Test
  void cleanPodsFindNothing() {
    Pod clean = new PodBuilder(podWithCacheOnDisk(1)).editSpec().withVolumes(List.of()).endSpec().build();

    StatelessnessVerifier.Findings findings =
        verifier.violations(TestApps.app("ns", "shop"), new StatelessnessVerifier.Subjects(List.of(clean), Optional.empty(), List.of()));

    assertThat(findings.none()).isTrue();
    assertThat(findings.listed()).isEmpty();
  }

  /** A pod created {@code minute} minutes past 10:00, with an emptyDir on disk and nothing else wrong. */
  private static Pod podWithCacheOnDisk(int minute) {
    return new PodBuilder()
        .withNewMetadata().withName("shop-" + minute).withNamespace("ns")
        .withCreationTimestamp(String.format("2026-11-28T%02d:%02d:00Z", 10 + minute / 60, minute % 60)).endMetadata()
        .withNewSpec()
        .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
        .addNewContainer().withName("app").withImage("registry.example.com/shop:1.4.2")
        .withNewSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }
}
