package dev.stateless.operator.jwt;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppSettings;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The app's signing keys as one reconcile sees them: not wanted, current (possibly just rotated),
 * or unusable as stored. Computed once per reconcile, before the children, so the Secret, the
 * status and the next wake-up agree.
 */
public sealed interface SigningKeys {

  String SECRET_KEY = "jwks.json";
  /** The data key of the next-key Secret: the upcoming key's private JWK. */
  String UPCOMING_SECRET_KEY = "jwk.json";
  /** Where the workflow's Secret dependent finds this reconcile's outcome. */
  String CONTEXT_KEY = "signing-keys";

  /** The name of the app's signing key Secret. */
  static String secretName(StatelessApp app) {
    return app.getMetadata().getName() + "-jwt";
  }

  /**
   * The name of the Secret that holds the upcoming key's private part until its activation. It is
   * never mounted: no replica may sign with a key the others may not know yet.
   */
  static String upcomingSecretName(StatelessApp app) {
    return app.getMetadata().getName() + "-jwt-next";
  }

  /** spec.jwt is not set: no keys, no Secret. */
  record NotWanted() implements SigningKeys {}

  /**
   * The keys to publish now, and when they next change.
   *
   * @param decidedFrom the resource version of each stored Secret the rotation read, by name
   */
  record Current(RotationResult rotation, Map<String, String> decidedFrom) implements SigningKeys {

    public Current {
      decidedFrom = Map.copyOf(decidedFrom);
    }

    /**
     * Whether {@code stored} is still what this decision was made from. A Secret edited or created
     * by hand after the keys were evaluated is not: writing this decision over it would undo the
     * edit, so it is left for the reconcile that the edit triggers.
     */
    public boolean decidedFrom(Secret stored) {
      return Objects.equals(decidedFrom.get(stored.getMetadata().getName()), stored.getMetadata().getResourceVersion());
    }
  }

  /** The stored set cannot be continued; it is left as it is. The message holds no key material. */
  record Unusable(String message) implements SigningKeys {}

  /** Evaluates the keys of {@code app} against its stored Secrets, if any. */
  static SigningKeys evaluate(AppSettings app, Optional<Secret> stored, Optional<Secret> storedUpcoming, JwksRotation rotation) {
    if (app.spec().getJwt() == null) {
      return new NotWanted();
    }
    try {
      Map<String, String> versions = new HashMap<>();
      Stream.of(stored, storedUpcoming).flatMap(Optional::stream)
          .forEach(secret -> versions.put(secret.getMetadata().getName(), secret.getMetadata().getResourceVersion()));
      return new Current(rotation.next(value(stored, SECRET_KEY), value(storedUpcoming, UPCOMING_SECRET_KEY), app.spec().getJwt()),
          versions);
    } catch (InvalidSigningKeysException e) {
      return new Unusable(e.getMessage());
    }
  }

  /**
   * The decoded value, or null. A value that is not base64 reads as empty, which the rotation
   * treats as unusable (jwks.json) or missing (the upcoming key).
   */
  private static String value(Optional<Secret> secret, String key) {
    return secret.map(Secret::getData).map(data -> data.get(key))
        .map(encoded -> {
          try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            return "";
          }
        })
        .orElse(null);
  }

  /** When the reconciler must look again, if the keys change on their own with time. */
  default Optional<Duration> wakeUpAfter() {
    return this instanceof Current current
        ? Optional.of(current.rotation().delayUntilNextChange())
        : Optional.empty();
  }
}
