package dev.stateless.operator.backend;

/** Keys of the Secrets holding the managed backends' generated credentials. */
public final class ManagedCredentials {

  /** The managed Redis's password, in {@code <app>-redis-credentials}. */
  public static final String PASSWORD = "password";
  /** The managed object storage's keys, in {@code <app>-s3-credentials}. */
  public static final String ACCESS_KEY_ID = "access-key-id";
  public static final String SECRET_ACCESS_KEY = "secret-access-key";

  private ManagedCredentials() {}
}
