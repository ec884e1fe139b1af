package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/** Quantity parsing that never throws, for values coming from unchecked manifests. */
final class Quantities {

  private Quantities() {}

  static Optional<BigDecimal> bytes(Quantity quantity) {
    if (quantity == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(quantity));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  static boolean isValid(String quantity) {
    try {
      return bytes(new Quantity(quantity)).isPresent();
    } catch (RuntimeException malformed) {
      return false;
    }
  }
}
