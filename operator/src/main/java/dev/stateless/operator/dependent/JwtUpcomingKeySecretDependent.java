package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code <app>-jwt-next}: the private part of the upcoming signing key, from its
 * publication in {@code jwks.json} to its activation, when it moves into keys[0] and this Secret is
 * deleted (see {@link UpcomingKeyPending}). No pod mounts it.
 *
 * <p>It runs after the JWKS Secret: at publication the verification key is out before its private
 * part is stored, at activation keys[0] holds the private part before this copy goes. An
 * interruption in between leaves an upcoming key without its private part, which the next
 * reconcile replaces; never a key set without its signing key.
 */
public class JwtUpcomingKeySecretDependent extends AppChildDependent<Secret> {

  public JwtUpcomingKeySecretDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return SigningKeys.upcomingSecretName(app);
  }

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    Optional<Secret> existing = getSecondaryResource(app, context);
    SigningKeys keys = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(SigningKeys.CONTEXT_KEY, SigningKeys.class);
    if (keys instanceof SigningKeys.Current current && current.rotation().upcomingKeyJson() != null) {
      return DesiredStateHash.stamp(secret(new AppSettings(app), current.rotation().upcomingKeyJson()), unhashedPaths());
    }
    // Unusable keys are left exactly as they are, this half of them too.
    return existing.orElseThrow(() -> new IllegalStateException("no upcoming key to store for " + nameFor(app)));
  }

  /** Never rendered: a first key set has no upcoming key. */
  @Override
  protected Secret build(AppSettings app, Optional<Secret> existing) {
    throw new UnsupportedOperationException(nameFor(app.app()) + " exists only between a key's publication and its activation");
  }

  private Secret secret(AppSettings app, String upcomingKeyJson) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withType("Opaque")
        .withData(Map.of(SigningKeys.UPCOMING_SECRET_KEY,
            Base64.getEncoder().encodeToString(upcomingKeyJson.getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
