package dev.stateless.operator.jwt;

/**
 * The stored JWKS cannot be used as it is: unparseable, hand-edited or incomplete.
 *
 * <p>The caller must leave the stored keys untouched (live tokens may depend on them) and report
 * the problem; deleting the Secret is how a user asks for fresh keys. The message says what is
 * wrong and where (key index and kid, which are public), never key material. There is
 * deliberately no cause: parser messages can echo the offending input, and a logged stack trace
 * would carry it along.
 */
public class InvalidSigningKeysException extends RuntimeException {

  /** The condition reason under which callers report this problem. */
  public static final String REASON = "InvalidSigningKeys";

  public InvalidSigningKeysException(String message) {
    super(message, null, false, false);
  }
}
