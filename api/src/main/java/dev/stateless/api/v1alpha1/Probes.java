package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** HTTP paths the kubelet probes. */
public class Probes {

  public static final String DEFAULT_READINESS_PATH = "/healthz/ready";
  public static final String DEFAULT_LIVENESS_PATH = "/healthz/live";

  @Default(DEFAULT_READINESS_PATH)
  @Pattern("^/.*$")
  @JsonPropertyDescription("HTTP path of the readiness probe. Default /healthz/ready.")
  private String readinessPath = DEFAULT_READINESS_PATH;

  @Default(DEFAULT_LIVENESS_PATH)
  @Pattern("^/.*$")
  @JsonPropertyDescription("HTTP path of the liveness probe. Default /healthz/live.")
  private String livenessPath = DEFAULT_LIVENESS_PATH;

  public String getReadinessPath() {
    return readinessPath;
  }

  public void setReadinessPath(String readinessPath) {
    this.readinessPath = readinessPath;
  }

  public String getLivenessPath() {
    return livenessPath;
  }

  public void setLivenessPath(String livenessPath) {
    this.livenessPath = livenessPath;
  }
}
