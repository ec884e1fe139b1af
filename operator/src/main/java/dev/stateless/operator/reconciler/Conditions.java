package dev.stateless.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the next list of conditions from the previous one. A condition whose status did not
 * change keeps its lastTransitionTime, so a reconcile that observes nothing new computes a status
 * equal to the stored one and writes nothing.
 */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String BACKENDS_READY = "BackendsReady";
  public static final String STATELESS = "Stateless";

  private final List<Condition> previous;
  private final long generation;
  private final Clock clock;
  private final List<Condition> next = new ArrayList<>();

  public Conditions(List<Condition> previous, Long generation, Clock clock) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation == null ? 0 : generation;
    this.clock = clock;
  }

  public Conditions set(String type, boolean status, String reason, String message) {
    String statusText = status ? "True" : "False";
    String transitionTime = previous.stream()
        .filter(c -> type.equals(c.getType()) && statusText.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .findFirst()
        .orElseGet(this::now);
    next.removeIf(c -> type.equals(c.getType()));
    next.add(new ConditionBuilder()
        .withType(type)
        .withStatus(statusText)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transitionTime)
        .build());
    return this;
  }

  /** Carries the previous condition of this type over unchanged, if there was one. */
  public Conditions keep(String type) {
    previous.stream().filter(c -> type.equals(c.getType())).findFirst().ifPresent(c -> {
      next.removeIf(existing -> type.equals(existing.getType()));
      next.add(c);
    });
    return this;
  }

  public Optional<Condition> get(String type) {
    return next.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public List<Condition> toList() {
    return List.copyOf(next);
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }
}
