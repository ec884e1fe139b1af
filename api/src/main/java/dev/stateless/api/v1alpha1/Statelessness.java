package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How the statelessness rules are applied to this app. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Statelessness {

  @Default("Audit")
  @JsonPropertyDescription("Audit reports violations (status, Events, metrics); Enforce also makes the API server reject violating pods. Default Audit.")
  private EnforcementMode enforcement = EnforcementMode.Audit;

  @Default("true")
  @JsonPropertyDescription("Require readOnlyRootFilesystem on every container. Default true.")
  private Boolean requireReadOnlyRootFilesystem = true;

  @JsonPropertyDescription("Optional: the one memory-backed emptyDir allowed, for temporary files.")
  private Scratch scratch;

  public EnforcementMode getEnforcement() {
    return enforcement;
  }

  public void setEnforcement(EnforcementMode enforcement) {
    this.enforcement = enforcement;
  }

  public Boolean getRequireReadOnlyRootFilesystem() {
    return requireReadOnlyRootFilesystem;
  }

  public void setRequireReadOnlyRootFilesystem(Boolean requireReadOnlyRootFilesystem) {
    this.requireReadOnlyRootFilesystem = requireReadOnlyRootFilesystem;
  }

  public Scratch getScratch() {
    return scratch;
  }

  public void setScratch(Scratch scratch) {
    this.scratch = scratch;
  }
}
