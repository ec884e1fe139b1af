package dev.stateless.operator.backend;

/**
 * Checks that the bucket exists and that a small object can be written and deleted with the given
 * keys; for managed storage, creates the bucket first if it is missing. Must return within its own
 * short timeout.
 */
@FunctionalInterface
public interface ObjectStorageCheck {

  ProbeResult check(ObjectStorageConnection storage);
}
