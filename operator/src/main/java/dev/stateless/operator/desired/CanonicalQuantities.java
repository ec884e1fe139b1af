package dev.stateless.operator.desired;

import dev.stateless.rules.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Quantities written as the API server stores them. It keeps every quantity in canonical form
 * ({@code 0.5} becomes {@code 500m}, {@code 1024Mi} becomes {@code 1Gi}), and the operator
 * compares what it wants with what is stored field by field, as text: a desired {@code 0.5} would
 * never match the stored {@code 500m}, and every reconcile would write the object again.
 *
 * <p>The form follows {@code resource.Quantity}'s canonicalisation: the amount rounded up (away
 * from zero) to the nano; with a binary suffix, the largest binary suffix that keeps the number
 * whole (amounts under 1024, or fractional, fall back to the decimal form); otherwise the largest
 * power of 1000 that keeps it whole, written as a decimal suffix, or as {@code e3}, {@code e6}, ...
 * when the amount was written with an exponent. Anything unparseable is left as written.
 */
public final class CanonicalQuantities {

  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
  private static final Map<Integer, String> DECIMAL_SUFFIXES = Map.of(
      -9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E");

  private CanonicalQuantities() {}

  public static Quantity of(String quantity) {
    return new Quantity(canonical(quantity));
  }

  /** The user's resources with every request and limit in canonical form; claims as they are. */
  public static ResourceRequirements of(ResourceRequirements resources) {
    if (resources == null) {
      return null;
    }
    return new ResourceRequirementsBuilder(resources)
        .withRequests(canonical(resources.getRequests()))
        .withLimits(canonical(resources.getLimits()))
        .build();
  }

  static String canonical(String quantity) {
    Optional<BigDecimal> parsed = Quantities.parse(quantity);
    if (parsed.isEmpty()) {
      return quantity;
    }
    BigDecimal amount = parsed.get().setScale(9, RoundingMode.UP).stripTrailingZeros();
    if (amount.signum() == 0) {
      return "0";
    }
    boolean binary = quantity.endsWith("i");
    if (binary && amount.abs().compareTo(KIBI) >= 0 && amount.scale() <= 0) {
      return binaryForm(amount.toBigIntegerExact());
    }
    return decimalForm(amount, EXPONENT.matcher(quantity).find());
  }

  private static final java.util.regex.Pattern EXPONENT = java.util.regex.Pattern.compile("[eE][+-]?\\d+$");

  private static String binaryForm(BigInteger amount) {
    int suffix = 0;
    BigInteger kibi = KIBI.toBigInteger();
    while (suffix < BINARY_SUFFIXES.length - 1 && amount.mod(kibi).signum() == 0) {
      amount = amount.divide(kibi);
      suffix++;
    }
    return amount + BINARY_SUFFIXES[suffix];
  }

  private static String decimalForm(BigDecimal amount, boolean exponentNotation) {
    for (int exponent = 18; exponent >= -9; exponent -= 3) {
      BigDecimal mantissa = amount.movePointLeft(exponent);
      if (mantissa.stripTrailingZeros().scale() <= 0) {
        String suffix = !exponentNotation ? DECIMAL_SUFFIXES.get(exponent) : exponent == 0 ? "" : "e" + exponent;
        return mantissa.toBigIntegerExact() + suffix;
      }
    }
    return amount.toPlainString(); // not reached: the amount has at most nine decimals
  }

  private static Map<String, Quantity> canonical(Map<String, Quantity> quantities) {
    if (quantities == null) {
      return null;
    }
    Map<String, Quantity> canonical = new LinkedHashMap<>();
    quantities.forEach((name, quantity) -> canonical.put(name, quantity == null ? null : of(quantity.toString())));
    return canonical;
  }
}
