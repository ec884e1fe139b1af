package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.jwt.JwksRotation;
import dev.stateless.operator.jwt.RotationResult;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.time.Clock;
import java.util.Optional;

/**
 * The Secret {@code <app>-jwt} holding the JWKS the app signs and verifies with. Its content is
 * decided once per reconcile (see {@link SigningKeys}); a set that cannot be continued is kept as
 * it is, since live tokens may depend on its keys.
 */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class JwtSecretDependent extends SigningKeySecretDependent {

  /**
   * This dependent's name in the workflow, which JOSDK also gives its informer: the one the
   * signing key Secrets are read from, shared with {@link JwtUpcomingKeySecretDependent}.
   */
  public static final String NAME = "jwt-secret";

  @Override
  public String nameFor(StatelessApp app) {
    return SigningKeys.secretName(app);
  }

  @Override
  String dataKey() {
    return SigningKeys.SECRET_KEY;
  }

  @Override
  Optional<String> content(RotationResult rotation) {
    return Optional.of(rotation.jwksJson());
  }

  /** For render: a fresh key set, as the first reconcile would publish it. */
  @Override
  protected Secret build(AppSettings app, Optional<Secret> existing) {
    return secret(app, new JwksRotation(Clock.systemUTC()).next(null, null, app.spec().getJwt()).jwksJson());
  }
}
