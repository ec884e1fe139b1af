package dev.stateless.rules;

/**
 * The part of an object a violation concerns: a container, a volume, a volumeClaimTemplate or a field
 * (e.g. {@code spec.sessionAffinity}, an annotation).
 */
public record Subject(Kind kind, String name) {

  /** What kind of part; {@link #id()} is the stable spelling used in JSON and SARIF output. */
  public enum Kind {
    CONTAINER("container"),
    INIT_CONTAINER("init-container"),
    EPHEMERAL_CONTAINER("ephemeral-container"),
    VOLUME("volume"),
    VOLUME_CLAIM_TEMPLATE("volume-claim-template"),
    FIELD("field");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** How a person reads it in a message: "init container", "volumeClaimTemplate". */
    public String label() {
      return switch (this) {
        case CONTAINER -> "container";
        case INIT_CONTAINER -> "init container";
        case EPHEMERAL_CONTAINER -> "ephemeral container";
        case VOLUME -> "volume";
        case VOLUME_CLAIM_TEMPLATE -> "volumeClaimTemplate";
        case FIELD -> "field";
      };
    }
  }

  public static Subject volume(String name) {
    return new Subject(Kind.VOLUME, name);
  }

  public static Subject field(String path) {
    return new Subject(Kind.FIELD, path);
  }

  @Override
  public String toString() {
    return kind.label() + " \"" + (name == null ? "<unnamed>" : name) + "\"";
  }
}
