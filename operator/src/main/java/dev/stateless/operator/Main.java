package dev.stateless.operator;

/** Entry point of the operator's command line. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("stateless-operator");
  }
}
