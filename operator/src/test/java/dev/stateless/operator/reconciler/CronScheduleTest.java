package dev.stateless.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(strings = {"0 3 * * *", "*/15 * * * *", "0 9-17 * * mon-fri", "0 0 1,15 * ?", "5 4 * jan,jul sun", "@daily", "@hourly", "0 0 * * 7"})
  void acceptsWhatTheCronJobControllerAccepts(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0 3 * *", "0 3 * * * *", "60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 * 13 *", "*/0 * * * *", "a b c d e", "@sometimes", "TZ=UTC 0 3 * * *", "5-1 * * * *"})
  void refusesTheRest(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isPresent();
  }
}
