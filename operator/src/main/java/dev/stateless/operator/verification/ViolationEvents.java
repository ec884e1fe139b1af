package dev.stateless.operator.verification;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.Violation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kubernetes Event per new violation, on the StatelessApp, so {@code kubectl describe sapp}
 * and event-based alerting see it. A violation already in status was announced when it appeared;
 * it is not announced again while it persists.
 */
public final class ViolationEvents {

  public static final String REASON = "StatelessnessViolation";
  private static final Logger log = LoggerFactory.getLogger(ViolationEvents.class);

  private final Clock clock;

  public ViolationEvents(Clock clock) {
    this.clock = clock;
  }

  /** Emits an Event for each violation of {@code current} that {@code previous} does not hold. */
  public void announceNew(KubernetesClient client, StatelessApp app, List<Violation> previous, List<Violation> current) {
    Set<Violation> known = new HashSet<>(previous == null ? List.of() : previous);
    for (Violation violation : current) {
      if (!known.contains(violation)) {
        announce(client, app, violation);
      }
    }
  }

  private void announce(KubernetesClient client, StatelessApp app, Violation violation) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(app.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
        .withNamespace(app.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(app.getApiVersion())
        .withKind(app.getKind())
        .withName(app.getMetadata().getName())
        .withNamespace(app.getMetadata().getNamespace())
        .withUid(app.getMetadata().getUid())
        .endInvolvedObject()
        .withType("Warning")
        .withReason(REASON)
        .withMessage(violation.toString())
        .withNewSource().withComponent("stateless-operator").endSource()
        .withReportingComponent("stateless-operator")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(app.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // An Event is a notification: losing one must not fail the reconcile that found the violation.
      log.warn("Could not record an Event for StatelessApp {}/{}: {}", app.getMetadata().getNamespace(),
          app.getMetadata().getName(), e.getMessage());
    }
  }
}
