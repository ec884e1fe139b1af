package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to stored data when a StatelessApp is deleted. {@code Retain}: nothing; the volume
 * and keys carry no owner reference and the bucket is not touched (an app switched from Delete is
 * held until they carry none, see {@link #retainedStillOwned}). {@code Delete}: the bucket is
 * emptied and deleted through the S3 API, then the managed volume and keys are deleted. An external
 * bucket that cannot be deleted yet holds the app (its finalizer stays) and is tried again; a
 * managed one goes with its volume regardless.
 */
public final class ObjectStorageCleanup {

  private static final Logger log = LoggerFactory.getLogger(ObjectStorageCleanup.class);
  static final Duration RETRY = Duration.ofSeconds(30);

  private final BucketRemoval bucketRemoval;
  private final BackendEvents events;

  public ObjectStorageCleanup(BucketRemoval bucketRemoval, BackendEvents events) {
    this.bucketRemoval = bucketRemoval;
    this.events = events;
  }

  /** Whether deleting the app has anything to clean up, so the app must be held until it is done. */
  public static boolean needed(StatelessApp app) {
    return ObjectStorageSettings.deletesData(app);
  }

  /**
   * Applies the deletion policy. Empty when the app may go; otherwise when to try again (the app is
   * held meanwhile).
   */
  public Optional<Duration> cleanup(StatelessApp app, KubernetesClient client) {
    if (!needed(app)) {
      releaseRetained(app, client);
      return Optional.empty();
    }
    AppSettings settings = new AppSettings(app);
    ObjectStorageSettings storage = ObjectStorageSettings.of(settings).orElseThrow();
    String name = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    List<ProbeResult> problems = new ArrayList<>();
    ProbeResult removed = BackendSecrets.resolverReadingApi(app, client).objectStorage(settings, problems)
        .map(bucketRemoval::remove)
        .orElseGet(() -> problems.stream().findFirst()
            .orElseGet(() -> ProbeResult.failed(ProbeResult.OBJECT_STORAGE_SECRET_INVALID, "object storage: no credentials")));
    if (removed.ok()) {
      log.info("StatelessApp {} deleted with deletionPolicy Delete: {}", name, removed.message());
    } else if (storage.managed()) {
      log.warn("StatelessApp {}: could not delete the bucket through the S3 API ({}); its volume is deleted all the same",
          name, removed.message());
    } else {
      log.warn("StatelessApp {}: bucket not deleted yet, trying again in {}s: {}", name, RETRY.toSeconds(), removed.message());
      events.record(client, app, "Warning", BackendEvents.BUCKET_DELETION_FAILED, removed.message()
          + "; trying again. To keep the bucket instead, set objectStorage.deletionPolicy to Retain");
      return Optional.of(RETRY);
    }
    if (storage.managed()) {
      // Owned under Delete, so garbage collection would take them too; deleting them here also
      // covers a policy switched to Delete just before the app was deleted.
      String namespace = app.getMetadata().getNamespace();
      client.persistentVolumeClaims().inNamespace(namespace).withName(BackendNames.objectStorage(app)).delete();
      client.secrets().inNamespace(namespace).withName(BackendNames.objectStorageCredentials(app)).delete();
    }
    return Optional.empty();
  }

  /**
   * Whether the managed volume or keys of an app under Retain still name it as their owner. Under
   * Retain they must outlive the app; the main controller takes the owner reference off when the
   * policy changes, and until it has, the app keeps its finalizer: deleted in between, garbage
   * collection would take the data that Retain promises to keep.
   */
  public boolean retainedStillOwned(StatelessApp app, KubernetesClient client) {
    return retainedChildren(app, client).stream().anyMatch(child -> RetainedChildDependent.ownedBy(child, app));
  }

  /**
   * For an app being deleted whose policy is now Retain: takes its owner reference off the managed
   * volume and keys itself, since the main controller reconciles no app being deleted (the switch
   * and the delete in one go, or a spec made invalid with the switch, leave them owned).
   */
  private void releaseRetained(StatelessApp app, KubernetesClient client) {
    retainedChildren(app, client).forEach(child -> RetainedChildDependent.disown(child, app, client));
  }

  /**
   * The managed volume and keys an app under Retain keeps, if they exist: also after a switch to
   * External, which leaves the managed ones behind. None for an app without object storage.
   */
  private static List<HasMetadata> retainedChildren(StatelessApp app, KubernetesClient client) {
    if (!ObjectStorageSettings.retainsData(app)) {
      return List.of();
    }
    String namespace = app.getMetadata().getNamespace();
    return java.util.stream.Stream.<HasMetadata>of(
            client.persistentVolumeClaims().inNamespace(namespace).withName(BackendNames.objectStorage(app)).get(),
            client.secrets().inNamespace(namespace).withName(BackendNames.objectStorageCredentials(app)).get())
        .filter(Objects::nonNull)
        .filter(ObjectStorageCleanup::isManagedObjectStorage) // not someone else's object of that name
        .toList();
  }

  private static boolean isManagedObjectStorage(HasMetadata object) {
    Map<String, String> labels = Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
    return AppLabels.OPERATOR.equals(labels.get(AppLabels.MANAGED_BY))
        && AppLabels.Component.OBJECT_STORAGE.value().equals(labels.get(AppLabels.COMPONENT));
  }
}
