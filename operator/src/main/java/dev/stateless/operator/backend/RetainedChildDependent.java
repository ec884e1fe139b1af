package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A child that holds the object storage's data, or the keys to read it: it follows
 * {@code objectStorage.deletionPolicy}. With {@code Delete} the app owns it, so Kubernetes deletes
 * it with the app. With {@code Retain} it carries no owner reference, so it outlives the app, and
 * the workflow never deletes it either (not when objectStorage is removed from the spec, nor when
 * it switches to External): a re-created app or a re-added backend picks it up again by name.
 */
public abstract class RetainedChildDependent<R extends HasMetadata> extends BackendChildDependent<R> {

  /** Records on the object which policy it was created or last updated under. */
  public static final String DELETION_POLICY_ANNOTATION = "stateless.dev/deletion-policy";

  protected RetainedChildDependent(Class<R> resourceType) {
    super(resourceType);
  }

  /** Marks {@code desired} with the policy it follows, so a policy change updates the object (and its owner). */
  protected static <T extends HasMetadata> T markPolicy(T desired, ObjectStorageSettings settings) {
    desired.getMetadata().setAnnotations(new LinkedHashMap<>(Optional.ofNullable(desired.getMetadata().getAnnotations()).orElse(Map.of())));
    desired.getMetadata().getAnnotations().put(DELETION_POLICY_ANNOTATION, settings.deletionPolicy().name());
    return desired;
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, StatelessApp app) {
    super.addReferenceHandlingMetadata(desired, app);
    if (!ObjectStorageSettings.deletesData(app)) {
      desired.getMetadata().setOwnerReferences(List.of());
    }
  }

  /** An update keeps the stored metadata; the owner reference must follow the policy all the same. */
  @Override
  public R update(R actual, R desired, StatelessApp app, Context<StatelessApp> context) {
    R withOwner = context.getClient().getKubernetesSerialization().clone(actual);
    addReferenceHandlingMetadata(withOwner, app);
    return super.update(withOwner, desired, app, context);
  }

  /**
   * Deletes only what the app owns, and only when its policy is not Retain: a switch to Retain
   * together with a switch to External (which stops this object from being wanted) releases the
   * object instead; a retained object stays.
   */
  @Override
  protected void handleDelete(StatelessApp app, R secondary, Context<StatelessApp> context) {
    if (secondary == null || !ownedBy(secondary, app)) {
      return;
    }
    if (ObjectStorageSettings.retainsData(app)) {
      R released = disown(secondary, app, context.getClient());
      // Until the informer delivers it, the next reconcile would see the old copy, still owned (and
      // deletable, should the policy turn to Delete meanwhile): the written copy goes to its cache.
      eventSource().ifPresent(source -> source.handleRecentResourceUpdate(ResourceID.fromResource(released), released, secondary));
    } else {
      super.handleDelete(app, secondary, context);
    }
  }

  /** Takes the app's owner reference off {@code child}, so that it outlives the app; returns what was written. */
  static <T extends HasMetadata> T disown(T child, StatelessApp app, KubernetesClient client) {
    if (!ownedBy(child, app)) {
      return child;
    }
    T released = client.getKubernetesSerialization().clone(child);
    released.getMetadata().setOwnerReferences(child.getMetadata().getOwnerReferences().stream()
        .filter(owner -> !Objects.equals(owner.getUid(), app.getMetadata().getUid()))
        .toList());
    return client.resource(released).update(); // with its resourceVersion: a concurrent change fails, and is retried
  }

  static boolean ownedBy(HasMetadata object, StatelessApp app) {
    return Optional.ofNullable(object.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
        .map(OwnerReference::getUid)
        .anyMatch(uid -> Objects.equals(uid, app.getMetadata().getUid()));
  }
}
