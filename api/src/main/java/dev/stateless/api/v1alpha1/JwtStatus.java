package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The published signing keys' state. */
public class JwtStatus {

  @JsonPropertyDescription("kid of the key the app signs with (keys[0] of the JWKS).")
  private String activeKeyId;

  @JsonPropertyDescription("When the next key becomes active (RFC 3339).")
  private String nextRotation;

  public JwtStatus() {}

  public JwtStatus(String activeKeyId, String nextRotation) {
    this.activeKeyId = activeKeyId;
    this.nextRotation = nextRotation;
  }

  public String getActiveKeyId() {
    return activeKeyId;
  }

  public void setActiveKeyId(String activeKeyId) {
    this.activeKeyId = activeKeyId;
  }

  public String getNextRotation() {
    return nextRotation;
  }

  public void setNextRotation(String nextRotation) {
    this.nextRotation = nextRotation;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwtStatus other
        && Objects.equals(activeKeyId, other.activeKeyId)
        && Objects.equals(nextRotation, other.nextRotation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(activeKeyId, nextRotation);
  }
}
