package dev.stateless.operator.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The private and symmetric key values found in a raw JWKS, so that any text derived from the
 * input (a parser's message) can be scrubbed of them before it is shown. jjwt already redacts
 * them; this is the second lock, since a message that leaked a signing key would end up in
 * status conditions, Events and logs.
 */
final class SecretValues {

  /** RFC 7518 private and symmetric parameters, for every key type. */
  private static final Set<String> SECRET_MEMBERS = Set.of("d", "k", "p", "q", "dp", "dq", "qi", "oth");

  private static final String REDACTED = "<redacted>";

  private final List<String> values = new ArrayList<>();

  void collectFrom(Map<?, ?> rawKey) {
    for (String member : SECRET_MEMBERS) {
      Object value = rawKey.get(member);
      if (value != null) {
        String text = String.valueOf(value);
        if (!text.isEmpty()) {
          values.add(text);
        }
      }
    }
  }

  String scrub(String message) {
    String scrubbed = message == null ? "" : message;
    for (String value : values) {
      scrubbed = scrubbed.replace(value, REDACTED);
    }
    return scrubbed;
  }
}
