package dev.stateless.sample;

/** Redis or the object store does not answer: the request may succeed later, so 503 with Retry-After. */
final class BackendUnavailableException extends RuntimeException {

  private final String backend;

  BackendUnavailableException(String backend, Throwable cause) {
    super(backend + " unavailable", cause);
    this.backend = backend;
  }

  String backend() {
    return backend;
  }
}
