package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Quantity parsing that never throws, for values coming from unchecked manifests. */
public final class Quantities {

  /**
   * What Kubernetes accepts as a quantity ({@code resource.ParseQuantity}, and so the admission
   * policy's {@code isQuantity()}): an optionally signed decimal number, then a binary suffix, a
   * decimal suffix or an exponent. fabric8's parser alone is more lenient (it accepts {@code 64 Mi},
   * for one), and the engine must not allow a scratch the API server's policy would not.
   */
  private static final Pattern KUBERNETES_GRAMMAR =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

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

  /** The amount a quantity written as Kubernetes writes it stands for, or empty when it is not one. */
  public static Optional<BigDecimal> parse(String quantity) {
    if (quantity == null || !KUBERNETES_GRAMMAR.matcher(quantity).matches()) {
      return Optional.empty();
    }
    try {
      return bytes(new Quantity(quantity));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  static boolean isValid(String quantity) {
    return parse(quantity).isPresent();
  }
}
