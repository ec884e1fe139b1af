package dev.stateless.api.v1alpha1;

import java.time.Duration;
import java.util.regex.Matcher;

/** Durations written as Kubernetes and Go write them: 720h, 15m, 1h30m, 90s, 500ms. */
public final class Durations {

  /** The schema pattern; the API server refuses anything else at apply time. */
  public static final String PATTERN = "^([0-9]+(ns|us|ms|s|m|h))+$";

  private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ns|us|ms|s|m|h)");

  /**
   * The longest duration accepted: a hundred years. Far beyond any sensible key rotation or token
   * lifetime, and far enough below what a timestamp can hold that adding it to now never overflows.
   */
  public static final Duration LONGEST = Duration.ofHours(876_000);

  private Durations() {}

  /**
   * Parses a duration such as {@code 1h30m}.
   *
   * @throws IllegalArgumentException naming the value when it is not a duration, or is longer than
   *     {@link #LONGEST}
   */
  public static Duration parse(String text) {
    if (text == null || !text.matches(PATTERN)) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 720h, 15m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher matcher = PART.matcher(text);
    try {
      while (matcher.find()) {
        long amount = Long.parseLong(matcher.group(1));
        total = total.plus(switch (matcher.group(2)) {
          case "h" -> Duration.ofHours(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "ms" -> Duration.ofMillis(amount);
          case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000));
          default -> Duration.ofNanos(amount);
        });
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      total = null; // more digits than a duration holds
    }
    if (total == null || total.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + LONGEST.toHours() + "h (100 years)");
    }
    return total;
  }
}
