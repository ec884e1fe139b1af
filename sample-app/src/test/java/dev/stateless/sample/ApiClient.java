package dev.stateless.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the app's API, returning status, headers and body of every reply. */
final class ApiClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1)
      .build();

  /** One answer. */
  record Reply(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
    String body() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body(), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
  }

  Reply send(HttpRequest request) throws IOException {
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  Reply get(String path, String authorization) {
    HttpRequest.Builder request = request(path).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return sendUnchecked(request.build());
  }

  Reply postJson(String path, Object body, String authorization) {
    return sendUnchecked(withAuth(request(path), authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
  }

  Reply putJson(String path, Object body, String authorization) {
    return sendUnchecked(withAuth(request(path), authorization)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
  }

  Reply postBytes(String path, byte[] body, String contentType, String authorization) {
    return sendUnchecked(withAuth(request(path), authorization)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  Reply sendUnchecked(HttpRequest request) {
    try {
      return send(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpRequest.Builder withAuth(HttpRequest.Builder request, String authorization) {
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  static String toJson(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  static Map<String, String> credentials(String username, String password) {
    return Map.of("username", username, "password", password);
  }
}
