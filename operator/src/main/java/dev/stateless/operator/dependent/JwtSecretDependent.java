package dev.stateless.operator.dependent;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.ChildMetadata;
import dev.stateless.operator.jwt.JwksRotation;
import dev.stateless.operator.jwt.SigningKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@code <app>-jwt} holding the JWKS the app signs and verifies with. Its content is
 * decided once per reconcile (see {@link SigningKeys}); a set that cannot be continued is kept as
 * it is, since live tokens may depend on its keys.
 */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.MANAGED_SELECTOR))
public class JwtSecretDependent extends AppChildDependent<Secret> {

  /**
   * This dependent's name in the workflow, which JOSDK also gives its informer: the one the
   * signing key Secrets are read from, shared with {@link JwtUpcomingKeySecretDependent}.
   */
  public static final String NAME = "jwt-secret";

  public JwtSecretDependent() {
    super(Secret.class);
  }

  @Override
  public String nameFor(StatelessApp app) {
    return SigningKeys.secretName(app);
  }

  @Override
  protected Secret desired(StatelessApp app, Context<StatelessApp> context) {
    Optional<Secret> existing = getSecondaryResource(app, context);
    SigningKeys keys = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(SigningKeys.CONTEXT_KEY, SigningKeys.class);
    if (keys instanceof SigningKeys.Current current) {
      return DesiredStateHash.stamp(secret(new AppSettings(app), current.rotation().jwksJson()), unhashedPaths());
    }
    // Unusable keys are left exactly as they are: desired is what exists, so nothing is written.
    return existing.orElseThrow(() -> new IllegalStateException("no signing keys to publish for " + nameFor(app)));
  }

  /** For render: a fresh key set, as the first reconcile would publish it. */
  @Override
  protected Secret build(AppSettings app, Optional<Secret> existing) {
    return secret(app, new JwksRotation(Clock.systemUTC()).next(null, null, app.spec().getJwt()).jwksJson());
  }

  private Secret secret(AppSettings app, String jwksJson) {
    return new SecretBuilder()
        .withMetadata(ChildMetadata.of(app, nameFor(app.app()), AppLabels.Component.APP))
        .withType("Opaque")
        .withData(Map.of(SigningKeys.SECRET_KEY,
            Base64.getEncoder().encodeToString(jwksJson.getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
