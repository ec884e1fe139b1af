package dev.stateless.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The API server's refusal of one of the app's children, found in a failed reconcile: an object
 * it will not take as it is (invalid, forbidden, exceeding a quota, or named like an object that
 * is not the operator's). Retrying does not help until the spec or the cluster changes, so the
 * user must be told. Conflicts of concurrent writes, throttling and server errors are transient
 * and are not refusals.
 */
final class ChildRefusal {

  static final String REASON = "ChildRejected";
  /** Enough for the API server's message about one field; a status is not a log. */
  private static final int MAX_MESSAGE = 400;

  private ChildRefusal() {}

  /** The API server's message about the first refused child in {@code failure}, if any. */
  static Optional<String> in(Throwable failure) {
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable next = pending.poll();
      if (next instanceof KubernetesClientException refused && isRefusal(refused)) {
        return Optional.of(message(refused));
      }
      if (next instanceof AggregatedOperatorException aggregated) {
        pending.addAll(aggregated.getAggregatedExceptions().values());
      }
      if (next.getCause() != null && next.getCause() != next) {
        pending.add(next.getCause());
      }
    }
    return Optional.empty();
  }

  private static boolean isRefusal(KubernetesClientException e) {
    int code = e.getCode();
    if (code == 409) {
      // AlreadyExists: the name is taken by an object the operator does not own. Conflict: a
      // concurrent write, which the next attempt resolves.
      return e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason());
    }
    return code >= 400 && code < 500 && code != 429;
  }

  private static String message(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : "HTTP " + e.getCode();
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
