package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import dev.stateless.operator.testing.S3KeyGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/** The object storage check and the bucket removal against an in-process S3 server. */
class S3ObjectStorageCheckTest {

  @RegisterExtension
  static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false).build();

  static final String SECRET_KEY = "s3mockSecretAccessKey123";
  final S3Clients clients = new S3Clients(BackendAccess.ATTEMPT_TIMEOUT, BackendAccess.CALL_TIMEOUT);
  final S3ObjectStorageCheck check = new S3ObjectStorageCheck(clients);

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    // The first requests to a freshly started S3Mock are slow (class loading, JIT); the checks'
    // timeouts are meant for servers that are up, so the server is woken first.
    try (S3Client s3 = S3.createS3ClientV2()) {
      s3.listBuckets();
    }
  }

  static ObjectStorageConnection connection(String bucket, boolean managed) {
    return new ObjectStorageConnection(managed ? "minio" : "external", "http://127.0.0.1:" + S3.getHttpPort(), "us-east-1",
        bucket, true, "s3mockAccessKey", SECRET_KEY, managed);
  }

  @Test
  void managedStorageGetsItsBucketCreatedByTheCheckAndThenStaysWritable() {
    ProbeResult first = check.check(connection("managed-bucket", true));
    assertThat(first.ok()).as(first.message()).isTrue();
    assertThat(first.message()).contains("managed-bucket created and writable");
    try (S3Client s3 = clients.create(connection("managed-bucket", true))) {
      assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("managed-bucket");
      // The probe object is gone again: the check leaves nothing behind.
      assertThat(s3.listObjectsV2(r -> r.bucket("managed-bucket")).contents()).isEmpty();
    }
    ProbeResult second = check.check(connection("managed-bucket", true));
    assertThat(second.ok()).isTrue();
    assertThat(second.message()).doesNotContain("created");
  }

  @Test
  void aMissingExternalBucketIsReportedNotCreated() {
    ProbeResult result = check.check(connection("nobody-made-this", false));
    assertThat(result.reason()).isEqualTo(ProbeResult.BUCKET_MISSING);
    assertThat(result.message()).isEqualTo("bucket nobody-made-this does not exist at http://127.0.0.1:" + S3.getHttpPort());
    try (S3Client s3 = clients.create(connection("any", false))) {
      assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("nobody-made-this");
    }
  }

  @Test
  void unknownKeysAreAnAuthenticationFailureAndAReadOnlyKeyIsDeniedAccess() throws IOException {
    // S3Mock accepts any key; the gate in front answers as S3 and MinIO do for wrong or read-only keys.
    check.check(connection("gated", true));
    try (S3KeyGate gate = new S3KeyGate("http://127.0.0.1:" + S3.getHttpPort(), "appKey", "readOnlyKey")) {
      ProbeResult wrong = check.check(new ObjectStorageConnection("external", gate.endpoint(), "us-east-1", "gated", true,
          "someoneElse", SECRET_KEY, false));
      assertThat(wrong.reason()).isEqualTo(ProbeResult.OBJECT_STORAGE_AUTHENTICATION_FAILED);
      assertThat(wrong.message()).isEqualTo("object storage at " + gate.endpoint() + " refused the keys: InvalidAccessKeyId (HTTP 403)");

      ProbeResult readOnly = check.check(new ObjectStorageConnection("external", gate.endpoint(), "us-east-1", "gated", true,
          "readOnlyKey", SECRET_KEY, false));
      assertThat(readOnly.reason()).isEqualTo(ProbeResult.OBJECT_STORAGE_ACCESS_DENIED);
      assertThat(readOnly.message()).contains("denied access to bucket gated").contains("AccessDenied");

      ProbeResult right = check.check(new ObjectStorageConnection("external", gate.endpoint(), "us-east-1", "gated", true,
          "appKey", SECRET_KEY, false));
      assertThat(right.ok()).isTrue();
    }
  }

  @Test
  void nothingListeningIsUnreachableWithinTheTimeout() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ObjectStorageConnection nowhere = new ObjectStorageConnection("external", "http://127.0.0.1:" + closed, "us-east-1",
        "b", true, "id", SECRET_KEY, false);
    long start = System.nanoTime();
    ProbeResult result = check.check(nowhere);
    assertThat(result.reason()).isEqualTo(ProbeResult.OBJECT_STORAGE_UNREACHABLE);
    assertThat(result.message()).startsWith("object storage at http://127.0.0.1:" + closed + " is unreachable").doesNotContain(SECRET_KEY);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BackendAccess.CALL_TIMEOUT);
  }

  @Test
  void removalEmptiesAndDeletesTheBucketAndAGoneBucketIsNoError() {
    ObjectStorageConnection uploads = connection("uploads-to-delete", false);
    try (S3Client s3 = clients.create(uploads)) {
      s3.createBucket(r -> r.bucket("uploads-to-delete"));
      for (int i = 0; i < 3; i++) {
        int n = i;
        s3.putObject(r -> r.bucket("uploads-to-delete").key("avatars/" + n + ".png"), RequestBody.fromString("image " + n));
      }
    }
    ProbeResult removed = new S3BucketRemoval(clients).remove(uploads);
    assertThat(removed.ok()).isTrue();
    try (S3Client s3 = clients.create(uploads)) {
      assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("uploads-to-delete");
    }
    ProbeResult again = new S3BucketRemoval(clients).remove(uploads);
    assertThat(again.ok()).isTrue();
    assertThat(again.message()).contains("already gone");
  }
}
