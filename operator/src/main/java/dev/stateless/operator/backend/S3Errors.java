package dev.stateless.operator.backend;

import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns an S3 error into a condition reason and a message that names the store and the cause. */
final class S3Errors {

  static final String NO_SUCH_BUCKET = "NoSuchBucket";

  /** What S3 and S3-compatible servers answer when the keys are unknown or the signature is wrong. */
  private static final Set<String> AUTHENTICATION = Set.of(
      "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed",
      "InvalidSecurity", "AccessKeyDisabled");
  private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AllAccessDisabled", "AccountProblem");

  private S3Errors() {}

  static String code(S3Exception error) {
    return error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
  }

  static ProbeResult classify(SdkException error, ObjectStorageConnection storage) {
    String where = "object storage at " + storage.endpoint();
    String[] secrets = {storage.secretAccessKey(), storage.accessKeyId()};
    if (error instanceof S3Exception s3) {
      String code = code(s3);
      String detail = (code == null ? "HTTP " + s3.statusCode() : code + " (HTTP " + s3.statusCode() + ")");
      if (NO_SUCH_BUCKET.equals(code) || (code == null && s3.statusCode() == 404)) {
        return ProbeResult.failed(ProbeResult.BUCKET_MISSING, "bucket " + storage.bucket() + " does not exist at " + storage.endpoint());
      }
      if (code != null && AUTHENTICATION.contains(code)) {
        return ProbeResult.failed(ProbeResult.OBJECT_STORAGE_AUTHENTICATION_FAILED, where + " refused the keys: " + detail);
      }
      if ((code != null && ACCESS_DENIED.contains(code)) || (code == null && s3.statusCode() == 403)) {
        return ProbeResult.failed(ProbeResult.OBJECT_STORAGE_ACCESS_DENIED,
            where + " denied access to bucket " + storage.bucket() + ": " + detail);
      }
      return ProbeResult.failed(ProbeResult.OBJECT_STORAGE_UNREACHABLE, where + " answered with an error: " + detail);
    }
    Throwable cause = error instanceof SdkClientException ? Scrubbed.rootCause(error) : error;
    return ProbeResult.failed(ProbeResult.OBJECT_STORAGE_UNREACHABLE,
        where + " is unreachable: " + Scrubbed.message(cause, secrets));
  }
}
