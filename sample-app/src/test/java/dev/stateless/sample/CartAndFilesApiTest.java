package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The cart (session state in Redis) and files (streamed to S3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CartAndFilesApiTest {

  private static final long MAX_UPLOAD = 6 * 1024 * 1024;
  private InProcessApp app;
  private ApiClient api;

  @BeforeAll
  void start() {
    app = new InProcessApp(Map.of("MAX_UPLOAD_BYTES", "6Mi"));
    api = app.client;
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void cartIsEmptyAtFirstAndKeepsExactlyWhatWasPut() {
    InProcessApp.Login user = app.newUser();
    ApiClient.Reply empty = api.get("/api/cart", user.bearer());
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().get("items").size()).isZero();

    List<Object> items = List.of(Map.of("sku", "tea-42", "quantity", 2), "gift-card", 7);
    assertThat(api.putJson("/api/cart", Map.of("items", items), user.bearer()).status()).isEqualTo(204);
    JsonNode stored = api.get("/api/cart", user.bearer()).json().get("items");
    assertThat(stored).isEqualTo(ApiClient.JSON.valueToTree(items));

    assertThat(api.putJson("/api/cart", Map.of("items", List.of()), user.bearer()).status()).isEqualTo(204);
    assertThat(api.get("/api/cart", user.bearer()).json().get("items").size()).isZero();
  }

  @Test
  void cartsBelongToTheirUsers() {
    InProcessApp.Login alice = app.newUser();
    InProcessApp.Login bob = app.newUser();
    api.putJson("/api/cart", Map.of("items", List.of("alice's")), alice.bearer());
    assertThat(api.get("/api/cart", bob.bearer()).json().get("items").size()).isZero();
    assertThat(api.get("/api/cart", alice.bearer()).json().get("items").get(0).asText()).isEqualTo("alice's");
  }

  @Test
  void cartRefusesBadInputAndAnonymousCallers() {
    InProcessApp.Login user = app.newUser();
    assertThat(api.putJson("/api/cart", Map.of("items", "not-a-list"), user.bearer()).status()).isEqualTo(400);
    assertThat(api.putJson("/api/cart", "{\"items\": [", user.bearer()).status()).isEqualTo(400);
    assertThat(api.putJson("/api/cart", Map.of("items", new int[Carts.MAX_ITEMS + 1]), user.bearer()).status())
        .isEqualTo(400);
    assertThat(api.putJson("/api/cart", Map.of("items", List.of()), null).status()).isEqualTo(401);
    assertThat(api.get("/api/cart", null).status()).isEqualTo(401);
  }

  @Test
  void cartExpiresAfterItsIdleTime() {
    try (InProcessApp shortCarts = new InProcessApp(Map.of("CART_IDLE_TTL", "1s"))) {
      InProcessApp.Login user = shortCarts.newUser();
      shortCarts.client.putJson("/api/cart", Map.of("items", List.of("milk")), user.bearer());
      // Every read restarts the idle clock, so poll less often than the idle time.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .pollDelay(java.time.Duration.ofMillis(1500)).pollInterval(java.time.Duration.ofMillis(1500))
          .untilAsserted(() ->
          assertThat(shortCarts.client.get("/api/cart", user.bearer()).json().get("items").size()).isZero());
    }
  }

  @Test
  void uploadedFileComesBackWithItsBytesAndContentType() {
    InProcessApp.Login user = app.newUser();
    byte[] content = randomBytes(300_000);
    ApiClient.Reply created = api.postBytes("/api/files", content, "image/png", user.bearer());
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.header("Location")).isEqualTo("/api/files/" + id);

    ApiClient.Reply download = api.get("/api/files/" + id, user.bearer());
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.header("Content-Type")).isEqualTo("image/png");
    assertThat(download.bytes()).isEqualTo(content);
  }

  @Test
  void chunkedUploadsWithoutContentLengthAreStoredToo() {
    InProcessApp.Login user = app.newUser();
    for (int size : new int[] {10_000, Uploads.PART_SIZE + 123_456}) {
      byte[] content = randomBytes(size);
      HttpRequest request = api.request("/api/files")
          .header("Authorization", user.bearer())
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content)))
          .build();
      ApiClient.Reply created = api.sendUnchecked(request);
      assertThat(created.status()).as("chunked upload of %d bytes", size).isEqualTo(201);
      byte[] back = api.get("/api/files/" + created.json().get("id").asText(), user.bearer()).bytes();
      assertThat(back).hasSize(size).isEqualTo(content);
    }
  }

  @Test
  void uploadsAboveTheLimitAre413WithOrWithoutContentLength() throws IOException {
    InProcessApp.Login user = app.newUser();
    byte[] tooBig = randomBytes((int) MAX_UPLOAD + 1);
    // The declared size alone is refused: only the headers are sent, and the answer comes without
    // the body being read. (Sending the body as well races the server's early answer and close,
    // which a client can see as a broken pipe.)
    String declared = headersOnlyPost("/api/files", MAX_UPLOAD + 1, user.bearer());
    assertThat(declared).startsWith("HTTP/1.1 413").contains("payload_too_large");

    HttpRequest chunked = api.request("/api/files")
        .header("Authorization", user.bearer())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)))
        .build();
    assertThat(api.sendUnchecked(chunked).status()).isEqualTo(413);
  }

  /** Sends a POST's headers with a Content-Length and no body; returns the raw response. */
  private String headersOnlyPost(String path, long contentLength, String authorization) throws IOException {
    URI base = api.base();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request = "POST " + path + " HTTP/1.1\r\n"
          + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Authorization: " + authorization + "\r\n"
          + "Content-Type: application/octet-stream\r\n"
          + "Content-Length: " + contentLength + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      InputStream in = socket.getInputStream();
      int read;
      try {
        while ((read = in.read(buffer)) > 0) {
          response.write(buffer, 0, read);
          if (response.toString(StandardCharsets.UTF_8).contains("payload_too_large")) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // What arrived is the answer; the assertion says whether it is the right one.
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * S3 dropping the connection in the middle of a streamed upload is the backend's failure, a 503.
   * The SDK's retry could not read the client's body a second time, and the app answered 500.
   */
  @Test
  void objectStorageLostInTheMiddleOfAnUploadIs503() throws Exception {
    int s3Port = URI.create(Backends.s3Endpoint()).getPort();
    try (SilentProxy s3 = new SilentProxy(s3Port);
        InProcessApp relayed = new InProcessApp(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.port()))) {
      InProcessApp.Login user = relayed.newUser();
      byte[] half = randomBytes(256 * 1024); // more than the SDK's 128 KiB chunk: the first is sent before the rest comes
      URI base = relayed.client.base();
      try (Socket upload = new Socket(base.getHost(), base.getPort())) {
        upload.setSoTimeout(10_000);
        OutputStream out = upload.getOutputStream();
        out.write(("POST /api/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + user.bearer()
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + 2 * half.length
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(half);
        out.flush();
        s3.awaitUpstream(64 * 1024, Duration.ofSeconds(10)); // the upload's body is under way at S3
        s3.cut();
        try {
          out.write(half);
          out.flush();
        } catch (IOException e) {
          // the app may have answered, and closed, before the rest arrived
        }
        String response = new String(upload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("HTTP/1.1 503").contains("backend_unavailable");
      }
    }
  }

  @Test
  void anotherUsersFileIsNotFound() {
    InProcessApp.Login owner = app.newUser();
    InProcessApp.Login other = app.newUser();
    String id = api.postBytes("/api/files", "private".getBytes(), "text/plain", owner.bearer())
        .json().get("id").asText();
    ApiClient.Reply stranger = api.get("/api/files/" + id, other.bearer());
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.json().get("error").asText()).isEqualTo("not_found");
    assertThat(api.get("/api/files/" + id, owner.bearer()).body()).isEqualTo("private");
  }

  @Test
  void unknownOrMalformedFileIdsAre404AndAnonymousCallers401() {
    InProcessApp.Login user = app.newUser();
    assertThat(api.get("/api/files/00000000-0000-0000-0000-000000000000", user.bearer()).status()).isEqualTo(404);
    assertThat(api.get("/api/files/..%2F..%2Fetc", user.bearer()).status()).isEqualTo(404);
    assertThat(api.get("/api/files/not-an-id", user.bearer()).status()).isEqualTo(404);
    assertThat(api.postBytes("/api/files", new byte[] {1}, "text/plain", null).status()).isEqualTo(401);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
