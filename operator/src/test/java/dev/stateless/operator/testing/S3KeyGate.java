package dev.stateless.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A front door for S3Mock, which accepts any keys: requests signed with an unknown access key get
 * the answer S3 and MinIO give ({@code 403 InvalidAccessKeyId}); a read-only key gets
 * {@code 403 AccessDenied} on writes; everything else is passed through. It checks the key id, not
 * the signature, which is enough to drive the operator's handling of each answer.
 */
public final class S3KeyGate implements AutoCloseable {

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI upstream;
  private final String knownKey;
  private final String readOnlyKey;

  public S3KeyGate(String upstream, String knownKey, String readOnlyKey) throws IOException {
    this.upstream = URI.create(upstream);
    this.knownKey = knownKey;
    this.readOnlyKey = readOnlyKey;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String key = keyOf(exchange.getRequestHeaders().getFirst("Authorization"));
      if (!knownKey.equals(key) && !readOnlyKey.equals(key)) {
        error(exchange, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        return;
      }
      String method = exchange.getRequestMethod();
      if (readOnlyKey.equals(key) && !method.equals("GET") && !method.equals("HEAD")) {
        error(exchange, "AccessDenied", "Access Denied");
        return;
      }
      forward(exchange, method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(HttpExchange exchange, String method) throws IOException, InterruptedException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    byte[] answer = response.body();
    boolean noBody = method.equals("HEAD") || answer.length == 0;
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static String keyOf(String authorization) {
    if (authorization == null) {
      return null;
    }
    Matcher matcher = CREDENTIAL.matcher(authorization);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static void error(HttpExchange exchange, String code, String message) throws IOException {
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>gate</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().putAll(Map.of("Content-Type", List.of("application/xml")));
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(403, head ? -1 : xml.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(xml);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
