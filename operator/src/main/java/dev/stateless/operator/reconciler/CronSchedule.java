package dev.stateless.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a schedule the way the CronJob controller parses it (five fields: minute, hour, day of
 * month, month, day of week; or a macro such as {@code @daily}), so a bad schedule is refused on the
 * StatelessApp, naming the job, instead of producing a CronJob that never runs.
 */
public final class CronSchedule {

  private record Field(String name, int min, int max, Map<String, Integer> names) {}

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
      Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS = Map.of(
      "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);
  private static final List<Field> FIELDS = List.of(
      new Field("minute", 0, 59, Map.of()),
      new Field("hour", 0, 23, Map.of()),
      new Field("day of month", 1, 31, Map.of()),
      new Field("month", 1, 12, MONTHS),
      new Field("day of week", 0, 7, DAYS));
  private static final List<String> MACROS = List.of(
      "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private CronSchedule() {}

  /** What is wrong with {@code schedule}, or empty when the CronJob controller accepts it. */
  public static Optional<String> problem(String schedule) {
    if (schedule == null || schedule.isBlank()) {
      return Optional.of("is required, e.g. \"0 3 * * *\"");
    }
    String trimmed = schedule.trim();
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      return Optional.of("'" + schedule + "': time zones in the schedule are not supported by CronJobs");
    }
    if (trimmed.startsWith("@")) {
      return MACROS.contains(trimmed.toLowerCase())
          ? Optional.empty()
          : Optional.of("'" + schedule + "' is not a known macro; use one of " + String.join(", ", MACROS));
    }
    String[] parts = trimmed.split("\\s+");
    if (parts.length != FIELDS.size()) {
      return Optional.of("'" + schedule + "' has " + parts.length + " fields; a schedule has 5: minute hour day-of-month month day-of-week");
    }
    for (int i = 0; i < parts.length; i++) {
      Optional<String> problem = fieldProblem(parts[i], FIELDS.get(i));
      if (problem.isPresent()) {
        return Optional.of("'" + schedule + "': " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String text, Field field) {
    for (String item : text.split(",", -1)) {
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        Integer step = number(item.substring(slash + 1), Map.of());
        if (step == null || step < 1) {
          return Optional.of(field.name() + " step '" + item + "' must be a positive number");
        }
      }
      if (range.equals("*") || (range.equals("?") && field.name().startsWith("day"))) {
        continue;
      }
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        return Optional.of(field.name() + " '" + item + "' is not a value or a range");
      }
      Integer low = number(bounds[0], field.names());
      Integer high = bounds.length == 2 ? number(bounds[1], field.names()) : low;
      if (low == null || high == null) {
        return Optional.of(field.name() + " '" + item + "' is not a number" + (field.names().isEmpty() ? "" : " or a name"));
      }
      if (low < field.min() || high > field.max() || low > high) {
        return Optional.of(field.name() + " '" + item + "' is outside " + field.min() + "-" + field.max());
      }
    }
    return Optional.empty();
  }

  private static Integer number(String text, Map<String, Integer> names) {
    Integer named = names.get(text.toLowerCase());
    if (named != null) {
      return named;
    }
    try {
      return text.isEmpty() ? null : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
