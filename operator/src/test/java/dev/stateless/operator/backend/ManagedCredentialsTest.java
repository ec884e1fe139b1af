package dev.stateless.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.testing.BackendApps;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stored credential is never overwritten by the one a reconcile resolved at its start: that one
 * may come from a copy of the Secret read just before someone edited it.
 */
class ManagedCredentialsTest {

  final AppSettings app = new AppSettings(BackendApps.managed("shop-ns", "shop"));

  @Test
  void theRedisPasswordStoredWinsOverAStaleResolvedOne() {
    Backends resolvedBeforeTheEdit = backends("old-password");
    Secret edited = secret(Map.of(ManagedCredentials.PASSWORD, "edited-by-hand"));

    Secret desired = new RedisCredentialsDependent().build(app, resolvedBeforeTheEdit, Optional.of(edited));

    assertThat(SecretData.get(desired, ManagedCredentials.PASSWORD)).contains("edited-by-hand");
  }

  @Test
  void aMissingOrEmptyPasswordIsFilledWithTheResolvedOne() {
    RedisCredentialsDependent dependent = new RedisCredentialsDependent();

    assertThat(SecretData.get(dependent.build(app, backends("generated"), Optional.empty()), ManagedCredentials.PASSWORD))
        .contains("generated");
    assertThat(SecretData.get(dependent.build(app, backends("generated"), Optional.of(secret(Map.of(ManagedCredentials.PASSWORD, "")))),
        ManagedCredentials.PASSWORD)).contains("generated");
  }

  @Test
  void theObjectStorageKeysStoredWinAsAPair() {
    Backends resolvedBeforeTheEdit = storage("resolved-id", "resolved-secret");
    Secret edited = secret(Map.of(ManagedCredentials.ACCESS_KEY_ID, "edited-id", ManagedCredentials.SECRET_ACCESS_KEY, "edited-secret"));

    Secret desired = new ObjectStorageCredentialsDependent().build(app, resolvedBeforeTheEdit, Optional.of(edited));

    assertThat(SecretData.get(desired, ManagedCredentials.ACCESS_KEY_ID)).contains("edited-id");
    assertThat(SecretData.get(desired, ManagedCredentials.SECRET_ACCESS_KEY)).contains("edited-secret");
  }

  @Test
  void aHalfStoredObjectStoragePairIsReplacedByTheResolvedPairWhole() {
    // The resolver generates a new pair when one key is missing; MinIO, the binding Secret and the
    // checks all use that pair, so the credentials Secret must not mix it with the stored half.
    Secret halfStored = secret(Map.of(ManagedCredentials.ACCESS_KEY_ID, "stored-id"));

    Secret desired = new ObjectStorageCredentialsDependent().build(app, storage("resolved-id", "resolved-secret"), Optional.of(halfStored));

    assertThat(SecretData.get(desired, ManagedCredentials.ACCESS_KEY_ID)).contains("resolved-id");
    assertThat(SecretData.get(desired, ManagedCredentials.SECRET_ACCESS_KEY)).contains("resolved-secret");
  }

  private static Backends storage(String accessKeyId, String secretAccessKey) {
    var storage = new ObjectStorageConnection(ObjectStorageConnection.MANAGED_PROVIDER, "http://shop-s3.shop-ns.svc:9000",
        "us-east-1", "shop", true, accessKeyId, secretAccessKey, true);
    return new Backends(false, Optional.empty(), true, Optional.of(storage), List.of(), BackendsVerdict.checking());
  }

  private static Backends backends(String password) {
    Optional<RedisConnection> redis = Optional.of(RedisConnection.managed("shop-redis.shop-ns.svc", 6379, password));
    return new Backends(true, redis, false, Optional.empty(), List.of(), BackendsVerdict.checking());
  }

  private static Secret secret(Map<String, String> values) {
    return new SecretBuilder().withNewMetadata().withName("shop-credentials").endMetadata()
        .withData(SecretData.encode(values)).build();
  }
}
