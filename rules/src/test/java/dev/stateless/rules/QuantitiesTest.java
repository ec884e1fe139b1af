package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine reads quantities as the API server does, so that it and the admission policy agree. */
class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"64Mi, 67108864", "0.5Gi, 536870912", "1e3, 1000", "+1k, 1000", "5., 5", "100m, 0.1", "500u, 0.0005", "5n, 0.000000005"})
  void kubernetesQuantitiesParseToTheirAmount(String quantity, String amount) {
    assertThat(Quantities.parse(quantity)).hasValueSatisfying(parsed -> assertThat(parsed).isEqualByComparingTo(new BigDecimal(amount)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"64 Mi", "1.2.3", "64MB", "64mi", "", " 64Mi"})
  void whatKubernetesWouldRefuseIsNoQuantity(String quantity) {
    assertThat(Quantities.parse(quantity)).isEmpty();
    assertThat(Quantities.isValid(quantity)).isFalse();
  }
}
