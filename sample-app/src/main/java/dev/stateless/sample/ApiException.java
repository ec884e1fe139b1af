package dev.stateless.sample;

/**
 * A request the app refuses; becomes {@code {"error": code, "message": message}} with a 4xx status,
 * or 503 with Retry-After when this replica is too busy for it right now.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  static ApiException payloadTooLarge(String message) {
    return new ApiException(413, "payload_too_large", message);
  }

  static ApiException busy(String message) {
    return new ApiException(503, "busy", message);
  }
}
