package dev.stateless.operator.backend;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes and deletes a small object with the app's keys: that proves the endpoint answers, the
 * keys are accepted, the bucket exists and the app may write to it. Managed storage gets its bucket
 * here, through the S3 API, the first time the server answers.
 */
public final class S3ObjectStorageCheck implements ObjectStorageCheck {

  /** The object written and deleted by each check; one fixed key, so a failed delete leaves one object at most. */
  public static final String PROBE_KEY = ".stateless-operator/health-check";

  private static final String US_EAST_1 = "us-east-1";

  private final S3Clients clients;

  public S3ObjectStorageCheck(S3Clients clients) {
    this.clients = clients;
  }

  @Override
  public ProbeResult check(ObjectStorageConnection storage) {
    try (S3Client s3 = clients.create(storage)) {
      boolean created = false;
      try {
        writeProbe(s3, storage);
      } catch (S3Exception e) {
        if (!storage.createBucket() || !S3Errors.NO_SUCH_BUCKET.equals(S3Errors.code(e))) {
          throw e;
        }
        createBucket(s3, storage);
        created = true;
        writeProbe(s3, storage);
      }
      s3.deleteObject(request -> request.bucket(storage.bucket()).key(PROBE_KEY));
      return ProbeResult.ok("bucket " + storage.bucket() + (created ? " created and" : "") + " writable at " + storage.endpoint());
    } catch (SdkException e) {
      return S3Errors.classify(e, storage);
    }
  }

  private static void writeProbe(S3Client s3, ObjectStorageConnection storage) {
    s3.putObject(request -> request.bucket(storage.bucket()).key(PROBE_KEY).contentType("text/plain"), RequestBody.fromString("ok"));
  }

  private static void createBucket(S3Client s3, ObjectStorageConnection storage) {
    CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(storage.bucket());
    if (!US_EAST_1.equals(storage.region())) {
      // Outside us-east-1 the S3 API wants the region named in the request as well.
      request.createBucketConfiguration(config -> config.locationConstraint(storage.region()));
    }
    s3.createBucket(request.build());
  }
}
