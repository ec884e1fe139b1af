package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.jwt.RotationResult;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
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
public class JwtUpcomingKeySecretDependent extends SigningKeySecretDependent {

  @Override
  public String nameFor(StatelessApp app) {
    return SigningKeys.upcomingSecretName(app);
  }

  @Override
  String dataKey() {
    return SigningKeys.UPCOMING_SECRET_KEY;
  }

  @Override
  Optional<String> content(RotationResult rotation) {
    return Optional.ofNullable(rotation.upcomingKeyJson());
  }

  /** Never rendered: a first key set has no upcoming key. */
  @Override
  protected Secret build(AppSettings app, Optional<Secret> existing) {
    throw new UnsupportedOperationException(nameFor(app.app()) + " exists only between a key's publication and its activation");
  }
}
