package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The app's signing keys as one reconcile sees them: not wanted, current (possibly just rotated),
 * or unusable as stored. Computed once per reconcile, before the children, so the Secret, the
 * status and the next wake-up agree.
 */
public sealed interface SigningKeys {

  String SECRET_KEY = "jwks.json";
  /** Where the workflow's Secret dependent finds this reconcile's outcome. */
  String CONTEXT_KEY = "signing-keys";

  /** The name of the app's signing key Secret. */
  static String secretName(StatelessApp app) {
    return app.getMetadata().getName() + "-jwt";
  }

  /** spec.jwt is not set: no keys, no Secret. */
  record NotWanted() implements SigningKeys {}

  /** The keys to publish now, and when they next change. */
  record Current(RotationResult rotation) implements SigningKeys {}

  /** The stored set cannot be continued; it is left as it is. The message holds no key material. */
  record Unusable(String message) implements SigningKeys {}

  /** Evaluates the keys of {@code app} against its stored Secret, if any. */
  static SigningKeys evaluate(AppSettings app, Optional<Secret> stored, JwksRotation rotation) {
    if (app.spec().getJwt() == null) {
      return new NotWanted();
    }
    String storedJwks = stored.map(Secret::getData).map(data -> data.get(SECRET_KEY))
        .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .orElse(null);
    try {
      return new Current(rotation.next(storedJwks, app.spec().getJwt()));
    } catch (InvalidSigningKeysException e) {
      return new Unusable(e.getMessage());
    }
  }

  /** When the reconciler must look again, if the keys change on their own with time. */
  default Optional<Duration> wakeUpAfter() {
    return this instanceof Current current
        ? Optional.of(current.rotation().delayUntilNextChange())
        : Optional.empty();
  }
}
