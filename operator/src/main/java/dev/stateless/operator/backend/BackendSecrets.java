package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Secrets around backends. The operator's own (binding and generated credentials) come from
 * two informers, one per backend, each shared by that backend's Secret children and scoped by
 * label to them, so no other child sees a second copy of its own Secret. The user's Secrets are
 * read one by one, by the names the spec gives, and never watched: the operator does not cache
 * every Secret of the cluster to find the two it needs.
 */
public final class BackendSecrets {

  /** The names the Secret children refer to with {@code useEventSourceWithName}. */
  public static final String REDIS_EVENT_SOURCE = "redis-secrets";
  public static final String OBJECT_STORAGE_EVENT_SOURCE = "s3-secrets";

  private BackendSecrets() {}

  public static List<InformerEventSource<Secret, StatelessApp>> informers(EventSourceContext<StatelessApp> context) {
    return List.of(
        informer(context, REDIS_EVENT_SOURCE, BackendLabels.REDIS_SELECTOR),
        informer(context, OBJECT_STORAGE_EVENT_SOURCE, BackendLabels.OBJECT_STORAGE_SELECTOR));
  }

  private static InformerEventSource<Secret, StatelessApp> informer(EventSourceContext<StatelessApp> context, String name, String selector) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, StatelessApp.class)
        .withName(name)
        .withLabelSelector(selector)
        .withNamespacesInheritedFromController()
        .build(), context);
  }

  /** A resolver reading the operator's Secrets from the informer and the user's from the API server. */
  public static BackendResolver resolver(StatelessApp app, Context<StatelessApp> context) {
    String namespace = app.getMetadata().getNamespace();
    InformerEventSource<Secret, StatelessApp> redis = informer(context, REDIS_EVENT_SOURCE);
    InformerEventSource<Secret, StatelessApp> storage = informer(context, OBJECT_STORAGE_EVENT_SOURCE);
    return new BackendResolver(
        name -> redis.get(new ResourceID(name, namespace)).or(() -> storage.get(new ResourceID(name, namespace))),
        name -> Optional.ofNullable(context.getClient().secrets().inNamespace(namespace).withName(name).get()));
  }

  /**
   * A resolver reading every Secret it needs from the API server, one by one: for deleting an app,
   * which happens once, in a controller that keeps no Secret cache.
   */
  public static BackendResolver resolverReadingApi(StatelessApp app, KubernetesClient client) {
    String namespace = app.getMetadata().getNamespace();
    Function<String, Optional<Secret>> read = name -> Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    return new BackendResolver(read, read);
  }

  /**
   * The digest of the binding Secrets as last published (see {@link Backends#contentHash()}): what
   * the verdict on record was about.
   */
  public static Optional<String> publishedContentHash(StatelessApp app, Context<StatelessApp> context) {
    ResourceID redisId = new ResourceID(BackendNames.redis(app), app.getMetadata().getNamespace());
    ResourceID storageId = new ResourceID(BackendNames.objectStorage(app), app.getMetadata().getNamespace());
    return Backends.contentHash(
        informer(context, REDIS_EVENT_SOURCE).get(redisId).map(BackendSecrets::values),
        informer(context, OBJECT_STORAGE_EVENT_SOURCE).get(storageId).map(BackendSecrets::values));
  }

  /**
   * The key of the digest on the app's pod template ({@link Backends#templateDigest}): the uids of
   * the app's binding Secrets, random, fixed for each Secret's life, and visible only to whoever
   * may read those Secrets, who may read the values themselves. Empty while a binding Secret of a
   * resolved backend is not there (yet).
   */
  public static Optional<String> digestKey(StatelessApp app, Context<StatelessApp> context, Backends backends) {
    String namespace = app.getMetadata().getNamespace();
    StringBuilder key = new StringBuilder();
    if (backends.redis().isPresent()) {
      Optional<Secret> binding = informer(context, REDIS_EVENT_SOURCE).get(new ResourceID(BackendNames.redis(app), namespace));
      if (binding.isEmpty()) {
        return Optional.empty();
      }
      key.append(binding.get().getMetadata().getUid());
    }
    if (backends.objectStorage().isPresent()) {
      Optional<Secret> binding = informer(context, OBJECT_STORAGE_EVENT_SOURCE)
          .get(new ResourceID(BackendNames.objectStorage(app), namespace));
      if (binding.isEmpty()) {
        return Optional.empty();
      }
      key.append(binding.get().getMetadata().getUid());
    }
    return Optional.of(key.toString());
  }

  private static Map<String, String> values(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    Optional.ofNullable(secret.getData()).orElse(Map.of()).keySet()
        .forEach(key -> values.put(key, SecretData.get(secret, key).orElse("")));
    return values;
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Secret, StatelessApp> informer(Context<StatelessApp> context, String name) {
    return (InformerEventSource<Secret, StatelessApp>) context.eventSourceRetriever().getEventSourceFor(Secret.class, name);
  }
}
