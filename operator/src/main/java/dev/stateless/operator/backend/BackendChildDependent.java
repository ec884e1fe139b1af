package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.dependent.AppChildDependent;
import dev.stateless.operator.dependent.DesiredStateHash;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/**
 * A child that belongs to one of the app's backends. Its desired state depends on the backends as
 * this reconcile resolved them (generated credentials, the user's Secrets), which the reconciler
 * puts in the workflow context before the children run; {@code render} uses placeholders instead.
 */
public abstract class BackendChildDependent<R extends HasMetadata> extends AppChildDependent<R> {

  protected BackendChildDependent(Class<R> resourceType) {
    super(resourceType);
  }

  /** The desired object, given the resolved backends; {@code existing} is the object in the cluster, if any. */
  protected abstract R build(AppSettings app, Backends backends, Optional<R> existing);

  @Override
  protected final R build(AppSettings app, Optional<R> existing) {
    return build(app, Backends.forRender(app), existing);
  }

  /**
   * Found by name in this child's own informer. Not through owner references: a retained object
   * has none, and must still be recognised as this app's instead of being created a second time.
   * Not across every informer of the type either: another one may hold an older copy.
   */
  @Override
  public Optional<R> getSecondaryResource(StatelessApp app, Context<StatelessApp> context) {
    ResourceID id = new ResourceID(nameFor(app), app.getMetadata().getNamespace());
    return eventSource().flatMap(source -> source.get(id));
  }

  @Override
  protected R desired(StatelessApp app, Context<StatelessApp> context) {
    return DesiredStateHash.stamp(build(new AppSettings(app), Backends.in(context), getSecondaryResource(app, context)), unhashedPaths());
  }
}
