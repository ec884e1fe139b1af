package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.BackendMode;
import dev.stateless.api.v1alpha1.DeletionPolicy;
import dev.stateless.api.v1alpha1.ObjectStorageSpec;
import dev.stateless.api.v1alpha1.SecretRef;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import java.util.Optional;

/** spec.objectStorage with its defaults applied; absent when the app declares no object storage. */
public record ObjectStorageSettings(
    BackendMode mode,
    String image,
    String storageSize,
    String bucket,
    String endpoint,
    String region,
    boolean forcePathStyle,
    String externalSecretName,
    DeletionPolicy deletionPolicy) {

  /** Keys of the user's credential Secret. */
  public static final String EXTERNAL_ACCESS_KEY_ID = "accessKeyId";
  public static final String EXTERNAL_SECRET_ACCESS_KEY = "secretAccessKey";

  public static Optional<ObjectStorageSettings> of(AppSettings app) {
    ObjectStorageSpec storage = app.spec().getObjectStorage();
    if (storage == null) {
      return Optional.empty();
    }
    BackendMode mode = Optional.ofNullable(storage.getMode()).orElse(BackendMode.Managed);
    boolean managed = mode == BackendMode.Managed;
    return Optional.of(new ObjectStorageSettings(
        mode,
        Optional.ofNullable(storage.getImage()).orElse(ObjectStorageSpec.DEFAULT_IMAGE),
        Optional.ofNullable(storage.getStorageSize()).orElse(ObjectStorageSpec.DEFAULT_STORAGE_SIZE),
        Optional.ofNullable(storage.getBucket()).orElse(app.namespace() + "-" + app.name()),
        managed ? BackendNames.objectStorageEndpoint(app.app()) : storage.getEndpoint(),
        Optional.ofNullable(storage.getRegion()).orElse(ObjectStorageSpec.DEFAULT_REGION),
        // The managed server is addressed by Service name, which cannot carry bucket subdomains.
        managed || Boolean.TRUE.equals(storage.getForcePathStyle()),
        Optional.ofNullable(storage.getExternalSecretRef()).map(SecretRef::getName).orElse(null),
        Optional.ofNullable(storage.getDeletionPolicy()).orElse(DeletionPolicy.Retain)));
  }

  public boolean managed() {
    return mode == BackendMode.Managed;
  }

  /** Whether the bucket and managed volume go when the app goes. */
  public boolean deleteData() {
    return deletionPolicy == DeletionPolicy.Delete;
  }

  /** Whether {@code app} declares object storage whose data goes with it (Delete). */
  public static boolean deletesData(StatelessApp app) {
    return declared(app).map(ObjectStorageSettings::deleteData).orElse(false);
  }

  /** Whether {@code app} declares object storage whose data outlives it (Retain, in either mode). */
  public static boolean retainsData(StatelessApp app) {
    return declared(app).map(storage -> !storage.deleteData()).orElse(false);
  }

  private static Optional<ObjectStorageSettings> declared(StatelessApp app) {
    // An app without a spec (reported as invalid) declares nothing.
    return app.getSpec() == null ? Optional.empty() : of(new AppSettings(app));
  }
}
