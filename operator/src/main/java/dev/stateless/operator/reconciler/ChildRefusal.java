package dev.stateless.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API server's refusal of one of the app's children, found in a failed reconcile: an object it
 * will not take as it is (invalid, forbidden, exceeding a quota, or named like an object that is
 * not the operator's). Retrying at once does not help until the spec or the cluster changes, so the
 * user is told. Only a dependent's failure counts (the workflow reports those together); conflicts
 * of concurrent writes, a child deleted meanwhile, throttling and server errors are transient.
 */
final class ChildRefusal {

  static final String REASON = "ChildRejected";
  /**
   * How soon a refused app is tried again: a fix of the spec reconciles it at once, a fix in the
   * cluster (a quota raised, a conflicting object removed) is noticed by this attempt.
   */
  static final Duration RETRY = Duration.ofMinutes(1);
  /** Enough for the API server's message about one field; a status is not a log. */
  private static final int MAX_MESSAGE = 400;

  private ChildRefusal() {}

  /**
   * What a failed reconcile says of the refusals in it.
   *
   * @param message the API server's message about the first refused child
   * @param onlyRefusals whether every child that failed was refused (then retrying soon is useless)
   */
  record Refusals(String message, boolean onlyRefusals) {}

  /** The refusals among the children that failed in {@code failure}, if any was refused. */
  static Optional<Refusals> in(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause instanceof AggregatedOperatorException workflow) {
        List<Optional<String>> children = workflow.getAggregatedExceptions().values().stream().map(ChildRefusal::refusal).toList();
        return children.stream().flatMap(Optional::stream).findFirst()
            .map(first -> new Refusals(first, children.stream().allMatch(Optional::isPresent)));
      }
    }
    return Optional.empty();
  }

  /** The refusal in one dependent's failure, wherever in its causes the API server's answer is. */
  private static Optional<String> refusal(Throwable dependentFailure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = dependentFailure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause instanceof KubernetesClientException answer) {
        return isRefusal(answer) ? Optional.of(message(answer)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isRefusal(KubernetesClientException e) {
    return switch (e.getCode()) {
      case 400, 403, 422 -> true; // malformed, forbidden (RBAC, quota, a terminating namespace), invalid
      // AlreadyExists: the name is taken by an object the operator does not own. Conflict: a
      // concurrent write, which the next attempt resolves.
      case 409 -> e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason());
      default -> false;
    };
  }

  private static String message(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : "HTTP " + e.getCode();
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
