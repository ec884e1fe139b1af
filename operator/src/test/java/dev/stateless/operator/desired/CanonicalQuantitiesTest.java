package dev.stateless.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities as the API server stores them (resource.Quantity's canonical form). */
class CanonicalQuantitiesTest {

  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
      "0.5, 500m", "1000m, 1", "1500m, 1500m", "1, 1", "0.1, 100m", "2000, 2k", "1500000, 1500k",
      "1000M, 1G", "1G, 1G", "0.0005, 500u", "0.0000000001, 1n", "0, 0", "0Mi, 0",
      "1024Mi, 1Gi", "1536Mi, 1536Mi", "0.5Gi, 512Mi", "512Ki, 512Ki", "1000Ki, 1000Ki", "0.5Ki, 512",
      "1.5Ki, 1536", "64Mi, 64Mi",
      "1e3, 1e3", "1e2, 100", "5e8, 500e6", "1.5e3, 1500", "1E6, 1e6", "25e-2, 250e-3",
      // left as written: what is no quantity (the validator reports that)
      "64 Mi, 64 Mi"})
  void writesAQuantityAsTheApiServerStoresIt(String written, String stored) {
    assertThat(CanonicalQuantities.canonical(written)).isEqualTo(stored);
  }

  @Test
  void resourcesKeepTheirNamesAndClaimsWithCanonicalAmounts() {
    ResourceRequirements written = new ResourceRequirementsBuilder()
        .withRequests(Map.of("cpu", new Quantity("0.5"), "memory", new Quantity("1024Mi")))
        .withLimits(Map.of("memory", new Quantity("2Gi")))
        .addNewClaim().withName("gpu").endClaim()
        .build();
    ResourceRequirements stored = CanonicalQuantities.of(written);
    // As text: Quantity's equals compares amounts, and "0.5" equals "500m" there.
    assertThat(stored.getRequests()).hasSize(2);
    assertThat(stored.getRequests().get("cpu")).hasToString("500m");
    assertThat(stored.getRequests().get("memory")).hasToString("1Gi");
    assertThat(stored.getLimits().get("memory")).hasToString("2Gi");
    assertThat(stored.getClaims()).isEqualTo(written.getClaims());
    assertThat(CanonicalQuantities.of((ResourceRequirements) null)).isNull();
  }
}
