package dev.stateless.operator.backend;

import dev.stateless.api.v1alpha1.StatelessApp;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about an app's backends, for {@code kubectl describe sapp}: a Warning when a
 * check starts failing for a new reason, a Normal one when they recover. Only on transitions, so
 * a steady state writes nothing. Messages are the condition's, which never hold a secret.
 */
public final class BackendEvents {

  private static final Logger log = LoggerFactory.getLogger(BackendEvents.class);
  public static final String RECOVERED = "BackendsReady";
  public static final String BUCKET_DELETION_FAILED = "BucketDeletionFailed";

  private final Clock clock;

  public BackendEvents(Clock clock) {
    this.clock = clock;
  }

  /** Records the change from the previous BackendsReady condition to the next one, if it is news. */
  public void onTransition(KubernetesClient client, StatelessApp app, Optional<Condition> previous, Optional<Condition> next) {
    if (next.isEmpty() || BackendsVerdict.CHECKING.equals(next.get().getReason())) {
      return;
    }
    Condition now = next.get();
    boolean failing = "False".equals(now.getStatus());
    boolean wasFailing = previous.map(c -> "False".equals(c.getStatus()) && !BackendsVerdict.CHECKING.equals(c.getReason())).orElse(false);
    if (failing && !previous.map(Condition::getReason).equals(Optional.of(now.getReason()))) {
      record(client, app, "Warning", now.getReason(), now.getMessage());
    } else if (!failing && wasFailing) {
      record(client, app, "Normal", RECOVERED, now.getMessage());
    }
  }

  public void record(KubernetesClient client, StatelessApp app, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(app.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
        .withNamespace(app.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(app.getMetadata().getName())
            .withNamespace(app.getMetadata().getNamespace())
            .withUid(app.getMetadata().getUid())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withNewSource().withComponent("stateless-operator").endSource()
        .withReportingComponent("stateless-operator")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // An Event is a courtesy; the condition already says the same. Never fail a reconcile for it.
      log.debug("Could not record Event {} for {}/{}: {}", reason, app.getMetadata().getNamespace(), app.getMetadata().getName(), e.getMessage());
    }
  }
}
