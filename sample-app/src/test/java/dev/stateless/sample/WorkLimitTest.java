package dev.stateless.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkLimitTest {

  @Test
  void beyondItsPermitsWorkIsRefusedWithA503AtOnceAndAFreedPermitServesAgain() throws Exception {
    WorkLimit limit = new WorkLimit("password checks", 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> holder = pool.submit(() -> limit.run(() -> {
        started.countDown();
        awaitQuietly(finish);
        return "first";
      }));
      started.await();

      assertThatThrownBy(() -> limit.run(() -> "second"))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("too many password checks");
          });

      finish.countDown();
      assertThat(holder.get()).isEqualTo("first");
      assertThat(limit.run(() -> "third")).isEqualTo("third");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingJobGivesItsPermitBack() {
    WorkLimit limit = new WorkLimit("uploads", 1);

    assertThatThrownBy(() -> limit.run(() -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(limit.run(() -> "next")).isEqualTo("next");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
