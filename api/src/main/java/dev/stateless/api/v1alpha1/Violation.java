package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One broken statelessness rule, as shown in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Violation {

  @JsonPropertyDescription("The pod that breaks the rule, when the violation is on a pod.")
  private String pod;

  @JsonPropertyDescription("The object that breaks the rule, as Kind/name, when it is not a pod (a Service, an Ingress, the StatelessApp).")
  private String object;

  @JsonPropertyDescription("The stable rule id, e.g. no-emptydir.")
  private String rule;

  @JsonPropertyDescription("What is wrong and what to do about it.")
  private String message;

  public Violation() {}

  public Violation(String pod, String object, String rule, String message) {
    this.pod = pod;
    this.object = object;
    this.rule = rule;
    this.message = message;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public String getObject() {
    return object;
  }

  public void setObject(String object) {
    this.object = object;
  }

  public String getRule() {
    return rule;
  }

  public void setRule(String rule) {
    this.rule = rule;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Violation other
        && Objects.equals(pod, other.pod)
        && Objects.equals(object, other.object)
        && Objects.equals(rule, other.rule)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, object, rule, message);
  }

  @Override
  public String toString() {
    return rule + " on " + (pod != null ? "pod " + pod : object) + ": " + message;
  }
}
