package dev.stateless.benchmarks.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users signed up and logged in through the app's own API, each with an access token and a session id. */
public final class SampleAppUsers {

  /** What a login gives a client: both credentials for the same identity. */
  public record LoggedIn(String username, String accessToken, String sessionId) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery staple";

  private SampleAppUsers() {}

  public static List<LoggedIn> create(URI base, int count) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    List<LoggedIn> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String username = String.format("bench-user-%04d", i);
      Map<String, String> credentials = Map.of("username", username, "password", PASSWORD);
      post(http, base.resolve("/api/signup"), credentials, 201);
      JsonNode login = post(http, base.resolve("/api/login"), credentials, 200);
      users.add(new LoggedIn(username, login.get("accessToken").asText(), login.get("sessionId").asText()));
    }
    return users;
  }

  private static JsonNode post(HttpClient http, URI uri, Object body, int expected) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
