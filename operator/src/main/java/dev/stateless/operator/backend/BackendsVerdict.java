package dev.stateless.operator.backend;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the app's backends work, as the BackendsReady condition says it: ready, a reason, and a
 * message naming each backend that failed and why.
 */
public record BackendsVerdict(boolean ready, String reason, String message) {

  public static final String NONE_DECLARED = "NoBackendsDeclared";
  public static final String CHECKING = "Checking";
  public static final String AVAILABLE = "BackendsAvailable";

  public static BackendsVerdict noneDeclared() {
    return new BackendsVerdict(true, NONE_DECLARED, "the app declares no Redis and no object storage");
  }

  public static BackendsVerdict checking() {
    return new BackendsVerdict(false, CHECKING, "checking that the backends answer");
  }

  /** All results together: ready when all are ok; otherwise the first failure's reason, every failure's message. */
  public static BackendsVerdict of(List<ProbeResult> results) {
    List<ProbeResult> failures = results.stream().filter(r -> !r.ok()).toList();
    if (failures.isEmpty()) {
      return new BackendsVerdict(true, AVAILABLE, results.stream().map(ProbeResult::message).collect(Collectors.joining("; ")));
    }
    return new BackendsVerdict(false, failures.get(0).reason(),
        failures.stream().map(ProbeResult::message).collect(Collectors.joining("; ")));
  }
}
