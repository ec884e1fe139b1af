package dev.stateless.sample;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Users' files in the S3 bucket, under {@code uploads/<username>/<id>}: a user can only ever name
 * their own objects, so another user's id is simply not found.
 *
 * <p>Bodies stream through: with a Content-Length the request body goes to S3 as it arrives; without
 * one (chunked) it is sent as a multipart upload, holding one 5 MiB part in memory at a time, for at
 * most {@link #CHUNKED_AT_ONCE} uploads at once.
 * Nothing touches the local disk.
 */
final class Uploads {

  private static final Logger log = LoggerFactory.getLogger(Uploads.class);

  /** A stored file ready to be streamed back; the caller closes {@code body}. */
  record Download(InputStream body, String contentType, long contentLength) {}

  static final String NAME = "object storage";
  static final int PART_SIZE = 5 * 1024 * 1024; // S3's minimum for all parts but the last
  /**
   * Chunked uploads held in memory at once. Each holds one part, and the SDK copies it while it is
   * sent: about 80 MiB of heap at most. A slow sender keeps its slot as long as it takes.
   */
  static final int CHUNKED_AT_ONCE = 8;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String DEFAULT_TYPE = "application/octet-stream";
  /**
   * One attempt for a body streamed from the client. The SDK retries by reading the body again,
   * which a stream cannot give: the retry failed with an IllegalStateException (a 500) in place of
   * the first attempt's own failure, a client gone (400) or S3 unreachable (503). This also gives
   * up the retries that would have worked (a failure before the first byte was sent, S3 asking to
   * slow down): the client gets the 503 with Retry-After instead, and retries with the whole body.
   */
  private static final SdkPlugin ONE_ATTEMPT =
      client -> client.overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()));

  private final S3Client s3;
  private final String bucket;
  private final long maxBytes;
  private final WorkLimit chunked = new WorkLimit("chunked uploads (send a Content-Length to stream instead)", CHUNKED_AT_ONCE);

  Uploads(S3Client s3, String bucket, long maxBytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /**
   * Stores the body and returns the new file's id.
   *
   * @param contentLength the declared length, or -1 when the body is chunked
   */
  String store(String username, InputStream body, long contentLength, String contentType) {
    if (contentLength > maxBytes) {
      throw tooLarge();
    }
    String id = UUID.randomUUID().toString();
    String key = key(username, id);
    String type = contentType == null || contentType.isBlank() ? DEFAULT_TYPE : contentType;
    InputStream clientBody = new ClientBody(body);
    try {
      if (contentLength >= 0) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(type).contentLength(contentLength)
                .overrideConfiguration(override -> override.addPlugin(ONE_ATTEMPT)),
            RequestBody.fromInputStream(clientBody, contentLength));
      } else {
        chunked.run(() -> {
          storeChunked(key, type, clientBody);
          return null;
        });
      }
      return id;
    } catch (SdkClientException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ClientGoneException) {
          throw ApiException.badRequest("upload interrupted");
        }
      }
      throw new BackendUnavailableException(NAME, e);
    } catch (S3Exception e) {
      throw refusal(e);
    }
  }

  /** The user's file, or 404 when the id is malformed, unknown or someone else's. */
  Download find(String username, String id) {
    if (!ID.matcher(id).matches()) {
      throw ApiException.notFound("no such file");
    }
    try {
      ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(bucket).key(key(username, id)));
      GetObjectResponse response = object.response();
      String type = response.contentType() == null ? DEFAULT_TYPE : response.contentType();
      return new Download(object, type, response.contentLength() == null ? -1 : response.contentLength());
    } catch (NoSuchKeyException e) {
      throw ApiException.notFound("no such file");
    } catch (SdkClientException e) {
      throw new BackendUnavailableException(NAME, e);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw ApiException.notFound("no such file");
      }
      throw refusal(e);
    }
  }

  /**
   * For readiness: the bucket exists and our credentials reach it, answered within {@code deadline}
   * (not after the SDK's retries of 30 s reads).
   */
  void checkBucket(Duration deadline) {
    try {
      s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(override -> override.apiCallTimeout(deadline)));
    } catch (SdkException e) {
      throw new BackendUnavailableException(NAME, e);
    }
  }

  private void storeChunked(String key, String type, InputStream body) {
    byte[] first = readPart(body, 0);
    if (first.length < PART_SIZE) {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromBytes(first));
      return;
    }
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(type)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long total = 0;
      byte[] part = first;
      while (part.length > 0) {
        total += part.length;
        int number = parts.size() + 1;
        byte[] bytes = part;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
            RequestBody.fromBytes(bytes)).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        part = part.length < PART_SIZE ? new byte[0] : readPart(body, total);
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException ignored) {
        // the bucket's lifecycle rules clean up what we could not abort
      }
      throw e;
    }
  }

  /** Up to one part; refuses the body as soon as it passes the limit, without reading the rest. */
  private byte[] readPart(InputStream body, long alreadyRead) {
    try {
      long allowed = maxBytes - alreadyRead;
      byte[] part = body.readNBytes((int) Math.min(PART_SIZE, allowed + 1));
      if (part.length > allowed) {
        throw tooLarge();
      }
      return part;
    } catch (IOException e) {
      throw ApiException.badRequest("upload interrupted");
    }
  }

  private ApiException tooLarge() {
    return ApiException.payloadTooLarge("files are limited to " + maxBytes + " bytes");
  }

  /**
   * An S3 refusal as the caller should see it: a body the client sent too slowly or cut short is the
   * client's (400); anything else (server errors, throttling, a missing bucket, refused keys) is the
   * backend's, 503 with Retry-After, never a 500. Refusals other than server errors are logged:
   * they usually mean a misconfigured bucket or credentials.
   */
  private static RuntimeException refusal(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if ("RequestTimeout".equals(code) || "IncompleteBody".equals(code)) {
      return ApiException.badRequest("upload interrupted or too slow");
    }
    if (e.statusCode() < 500) {
      log.warn("object storage refused a request: HTTP {} {}; answering 503", e.statusCode(), code);
    }
    return new BackendUnavailableException(NAME, e);
  }

  private static String key(String username, String id) {
    return "uploads/" + username + "/" + id;
  }

  /** A body that broke off on the client's side, as opposed to S3 failing (which is a 503). */
  private static final class ClientGoneException extends IOException {
    ClientGoneException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Tells the client's read failures apart from the SDK's own. */
  private static final class ClientBody extends java.io.FilterInputStream {
    ClientBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new ClientGoneException(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException e) {
        throw new ClientGoneException(e);
      }
    }
  }
}
