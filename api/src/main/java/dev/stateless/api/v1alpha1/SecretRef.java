package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret in the StatelessApp's namespace. */
public class SecretRef {

  @Required
  @JsonPropertyDescription("Name of the Secret, in the StatelessApp's namespace.")
  private String name;

  public SecretRef() {}

  public SecretRef(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
