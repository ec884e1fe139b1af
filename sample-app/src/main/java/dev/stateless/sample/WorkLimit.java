package dev.stateless.sample;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most a fixed number of one kind of expensive work at once on this replica (a password hash, a
 * chunked upload's in-memory part). Beyond that a request is refused at once with 503 and
 * Retry-After instead of queueing: a burst of them cannot take all of the replica's CPU or heap,
 * and with them its probes and every other request. Another replica, or a retry, serves it.
 */
final class WorkLimit {

  private final String what;
  private final Semaphore permits;

  WorkLimit(String what, int permits) {
    this.what = what;
    this.permits = new Semaphore(permits);
  }

  <T> T run(Supplier<T> work) {
    if (!permits.tryAcquire()) {
      throw ApiException.busy("too many " + what + " at once on this replica; retry shortly");
    }
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }
}
