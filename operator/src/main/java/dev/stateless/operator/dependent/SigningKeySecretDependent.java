package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.backend.SecretData;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import dev.stateless.operator.jwt.RotationResult;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/**
 * A Secret holding one JSON document of the app's signing keys, as decided once per reconcile (see
 * {@link SigningKeys}). Keys that cannot be continued are left exactly as they are: live tokens may
 * depend on them. So is a Secret that changed after the decision was made (a hand edit landing
 * mid-reconcile): the decision came from the older copy, and the edit's own event brings a
 * reconcile that decides from the new one.
 */
abstract class SigningKeySecretDependent extends AppChildDependent<Secret> {

  SigningKeySecretDependent() {
    super(Secret.class);
  }

  /** The Secret's data key. */
  abstract String dataKey();

  /** What this Secret holds after this reconcile's rotation; empty when it should not exist. */
  abstract Optional<String> content(RotationResult rotation);

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    SigningKeys keys = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(SigningKeys.CONTEXT_KEY, SigningKeys.class);
    Optional<Secret> existing = getSecondaryResource(app, context);
    Optional<String> content = keys instanceof SigningKeys.Current current
        && existing.map(current::decidedFrom).orElse(true)
        ? content(current.rotation())
        : Optional.empty();
    if (content.isPresent()) {
      return DesiredStateHash.stamp(secret(new AppSettings(app), content.get()), unhashedPaths());
    }
    // Unusable keys, or a Secret changed since they were evaluated: desired is what exists, so
    // nothing is written.
    return existing.orElseThrow(() -> new IllegalStateException("no signing keys to store in " + nameFor(app)));
  }

  Secret secret(AppSettings app, String json) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withType("Opaque")
        .withData(SecretData.encode(Map.of(dataKey(), json)))
        .build();
  }
}
