package dev.stateless.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-line JSON object a benchmark prints last, so scripts can take the final line and parse
 * it. Keys keep the order they were added in; decimals are rounded for people, not for machines.
 */
public final class JsonLine {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public JsonLine put(String key, long value) {
    fields.put(key, value);
    return this;
  }

  public JsonLine put(String key, double value, int decimals) {
    fields.put(key, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
    return this;
  }

  @Override
  public String toString() {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
