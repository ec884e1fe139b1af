package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The one memory-backed emptyDir an app may use, for temporary files that are never state. */
public class Scratch {

  @Required
  @Pattern("^/.*$")
  @JsonPropertyDescription("Where the scratch volume is mounted, e.g. /tmp.")
  private String mountPath;

  @Required
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|k|M|G)?$")
  @JsonPropertyDescription("Upper bound of the scratch volume (counted against the pod's memory), e.g. 64Mi.")
  private String sizeLimit;

  public Scratch() {}

  public Scratch(String mountPath, String sizeLimit) {
    this.mountPath = mountPath;
    this.sizeLimit = sizeLimit;
  }

  public String getMountPath() {
    return mountPath;
  }

  public void setMountPath(String mountPath) {
    this.mountPath = mountPath;
  }

  public String getSizeLimit() {
    return sizeLimit;
  }

  public void setSizeLimit(String sizeLimit) {
    this.sizeLimit = sizeLimit;
  }
}
