package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed. Written only when it differs from what is stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatelessAppStatus {

  /** Most violations kept in status; the newest win. */
  public static final int MAX_VIOLATIONS = 50;

  @JsonPropertyDescription("The metadata.generation this status was computed for.")
  private Long observedGeneration;

  @StatusReplicas
  @JsonPropertyDescription("Replicas of the app's Deployment.")
  private Integer replicas;

  @JsonPropertyDescription("Ready replicas of the app's Deployment.")
  private Integer readyReplicas;

  @LabelSelector
  @JsonPropertyDescription("Label selector of the app's pods, for the scale subresource.")
  private String selector;

  @JsonPropertyDescription("Ready, BackendsReady and Stateless conditions (metav1.Condition).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Statelessness violations found on the app's pods and objects: at most 50, newest first.")
  private List<Violation> violations = new ArrayList<>();

  @JsonPropertyDescription("How many violations were found, including any beyond the listed ones.")
  private Integer violationCount;

  @JsonPropertyDescription("The signing keys' state, when spec.jwt is set.")
  private JwtStatus jwt;

  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<Violation> getViolations() {
    return violations;
  }

  public void setViolations(List<Violation> violations) {
    this.violations = violations;
  }

  public Integer getViolationCount() {
    return violationCount;
  }

  public void setViolationCount(Integer violationCount) {
    this.violationCount = violationCount;
  }

  public JwtStatus getJwt() {
    return jwt;
  }

  public void setJwt(JwtStatus jwt) {
    this.jwt = jwt;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StatelessAppStatus other)) {
      return false;
    }
    return Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(readyReplicas, other.readyReplicas)
        && Objects.equals(selector, other.selector)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(violations, other.violations)
        && Objects.equals(violationCount, other.violationCount)
        && Objects.equals(jwt, other.jwt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, replicas, readyReplicas, selector, conditions, violations, violationCount, jwt);
  }
}
