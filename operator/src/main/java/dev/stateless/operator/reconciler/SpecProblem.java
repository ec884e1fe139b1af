package dev.stateless.operator.reconciler;

/** One thing wrong with a spec: the field, and what to do about it. */
public record SpecProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
