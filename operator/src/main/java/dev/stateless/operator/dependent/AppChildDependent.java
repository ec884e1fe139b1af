package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A child object of a StatelessApp. Subclasses build the desired object from the app alone (plus,
 * for fields the operator sets only at creation, the existing object), so the reconciler and the
 * {@code render} command share one code path.
 *
 * <p>Matching is by digest and by subset: the digest annotation catches anything removed from the
 * desired state (the subset match alone ignores removals), the subset match catches edits made by
 * someone else to fields the operator owns.
 */
public abstract class AppChildDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, StatelessApp> {

  protected AppChildDependent(Class<R> resourceType) {
    super(resourceType);
  }

  /** The name of this child for the given app. */
  public abstract String nameFor(StatelessApp app);

  /** The desired object; {@code existing} is the object in the cluster, if any. */
  protected abstract R build(AppSettings app, Optional<R> existing);

  /** JSON pointers of fields the operator does not own after creation, left out of the digest. */
  protected List<String> unhashedPaths() {
    return List.of();
  }

  /** The desired object as {@code render} prints it: as if nothing existed yet. */
  public R render(StatelessApp app) {
    return DesiredStateHash.stamp(build(new AppSettings(app), Optional.empty()), unhashedPaths());
  }

  @Override
  protected R desired(StatelessApp app, Context<StatelessApp> context) {
    Optional<R> existing = getSecondaryResource(app, context);
    return DesiredStateHash.stamp(build(new AppSettings(app), existing), unhashedPaths());
  }

  /** The app controls its children: kubectl shows "Controlled By", and deletion cascades. */
  @Override
  protected void addReferenceHandlingMetadata(R desired, StatelessApp app) {
    desired.getMetadata().setOwnerReferences(List.of(controllerReference(app)));
  }

  static OwnerReference controllerReference(StatelessApp app) {
    return new OwnerReferenceBuilder()
        .withApiVersion(app.getApiVersion())
        .withKind(app.getKind())
        .withName(app.getMetadata().getName())
        .withUid(app.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Whether {@code actual} is in the shape of {@code desired}: same digest, and no owned field edited. */
  static <R extends HasMetadata> boolean matches(R desired, R actual, Context<StatelessApp> context) {
    return Objects.equals(DesiredStateHash.storedOn(desired), DesiredStateHash.storedOn(actual))
        && GenericKubernetesResourceMatcher.match(desired, actual, false, false, context).matched();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(StatelessApp app, Context<StatelessApp> context) {
    return new ResourceID(nameFor(app), app.getMetadata().getNamespace());
  }

  @Override
  public Result<R> match(R actual, StatelessApp app, Context<StatelessApp> context) {
    R desired = desired(app, context);
    return Result.computed(matches(desired, actual, context), desired);
  }
}
