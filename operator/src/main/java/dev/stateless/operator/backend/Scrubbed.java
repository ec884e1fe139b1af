package dev.stateless.operator.backend;

/**
 * Text from a client library's exception, made fit for a condition message: its first line, with
 * the connection's secrets replaced. The libraries used do not put credentials in their messages;
 * this is the second lock, since a leaked password would end up in status, Events and logs.
 */
final class Scrubbed {

  private static final String REDACTED = "<redacted>";

  private Scrubbed() {}

  static String message(Throwable error, String... secrets) {
    String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    text = text.lines().findFirst().orElse(text);
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        text = text.replace(secret, REDACTED);
      }
    }
    return text;
  }

  /** The innermost cause: the one that says what actually went wrong (refused, timed out, unknown host). */
  static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
