package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.CanonicalQuantities;
import dev.stateless.operator.desired.ChildMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed object storage's volume: PersistentVolumeClaim {@code <app>-s3} of
 * {@code storageSize}. It can grow (where the storage class allows) but never shrinks, which
 * Kubernetes forbids; every other field of its spec is kept as the cluster set it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = BackendLabels.OBJECT_STORAGE_SELECTOR))
public class ObjectStorageVolumeDependent extends RetainedChildDependent<PersistentVolumeClaim> {

  private static final String STORAGE = "storage";

  public ObjectStorageVolumeDependent() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return BackendNames.objectStorage(app);
  }

  @Override
  protected PersistentVolumeClaim build(AppSettings app, Backends backends, Optional<PersistentVolumeClaim> existing) {
    ObjectStorageSettings settings = ObjectStorageSettings.of(app).orElseThrow();
    Quantity wanted = CanonicalQuantities.of(settings.storageSize());
    Optional<Quantity> current = existing.map(PersistentVolumeClaim::getSpec)
        .map(PersistentVolumeClaimSpec::getResources)
        .map(resources -> resources.getRequests() == null ? null : resources.getRequests().get(STORAGE));
    Quantity request = current.filter(size -> Quantity.getAmountInBytes(size).compareTo(Quantity.getAmountInBytes(wanted)) > 0)
        .orElse(wanted);
    // An update replaces the whole spec; the fields the cluster filled in (volumeName,
    // storageClassName, ...) are immutable, so they are carried over and left out of the digest.
    PersistentVolumeClaimSpec spec = existing.map(PersistentVolumeClaim::getSpec)
        .map(stored -> new PersistentVolumeClaimSpecBuilder(stored))
        .orElseGet(PersistentVolumeClaimSpecBuilder::new)
        .withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of(STORAGE, request)).endResources()
        .build();
    return markPolicy(new PersistentVolumeClaimBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.OBJECT_STORAGE))
        .withSpec(spec)
        .build(), settings);
  }

  @Override
  protected List<String> unhashedPaths() {
    return List.of("/spec/volumeName", "/spec/storageClassName", "/spec/volumeMode", "/spec/volumeAttributesClassName",
        "/spec/dataSource", "/spec/dataSourceRef", "/spec/selector");
  }
}
