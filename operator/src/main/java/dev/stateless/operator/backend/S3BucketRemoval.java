package dev.stateless.operator.backend;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Empties a bucket (every object, and every version and delete marker if it is versioned), then
 * deletes it, through the S3 API.
 */
public final class S3BucketRemoval implements BucketRemoval {

  /** DeleteObjects takes at most this many keys per request. */
  private static final int BATCH = 1000;

  private final S3Clients clients;

  public S3BucketRemoval(S3Clients clients) {
    this.clients = clients;
  }

  @Override
  public ProbeResult remove(ObjectStorageConnection storage) {
    try (S3Client s3 = clients.create(storage)) {
      deleteObjects(s3, storage);
      try {
        s3.deleteBucket(request -> request.bucket(storage.bucket()));
      } catch (S3Exception e) {
        if (!"BucketNotEmpty".equals(S3Errors.code(e))) {
          throw e;
        }
        // Versioned: the listing above showed current objects only.
        deleteVersions(s3, storage);
        s3.deleteBucket(request -> request.bucket(storage.bucket()));
      }
      return ProbeResult.ok("bucket " + storage.bucket() + " emptied and deleted at " + storage.endpoint());
    } catch (S3Exception e) {
      if (S3Errors.NO_SUCH_BUCKET.equals(S3Errors.code(e))) {
        return ProbeResult.ok("bucket " + storage.bucket() + " was already gone at " + storage.endpoint());
      }
      return S3Errors.classify(e, storage);
    } catch (SdkException e) {
      return S3Errors.classify(e, storage);
    }
  }

  private static void deleteObjects(S3Client s3, ObjectStorageConnection storage) {
    List<ObjectIdentifier> batch = new ArrayList<>();
    s3.listObjectsV2Paginator(request -> request.bucket(storage.bucket())).contents().forEach(object -> {
      batch.add(ObjectIdentifier.builder().key(object.key()).build());
      if (batch.size() == BATCH) {
        delete(s3, storage, batch);
      }
    });
    delete(s3, storage, batch);
  }

  private static void deleteVersions(S3Client s3, ObjectStorageConnection storage) {
    List<ObjectIdentifier> batch = new ArrayList<>();
    s3.listObjectVersionsPaginator(request -> request.bucket(storage.bucket())).forEach(page -> {
      page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
      page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
      while (batch.size() >= BATCH) {
        List<ObjectIdentifier> head = new ArrayList<>(batch.subList(0, BATCH));
        batch.subList(0, BATCH).clear();
        delete(s3, storage, head);
      }
    });
    delete(s3, storage, batch);
  }

  private static void delete(S3Client s3, ObjectStorageConnection storage, List<ObjectIdentifier> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<ObjectIdentifier> request = List.copyOf(keys);
    keys.clear();
    s3.deleteObjects(r -> r.bucket(storage.bucket()).delete(d -> d.objects(request).quiet(true)));
  }
}
