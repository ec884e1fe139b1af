package dev.stateless.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import java.time.Duration;

/**
 * Per-user shopping carts: session state that lives in Redis, never in the replica, and expires
 * after a period without use (every read or write restarts the clock).
 */
final class Carts {

  static final int MAX_ITEMS = 1_000;

  private final Redis redis;
  private final RedisKeys keys;
  private final Duration idleTtl;
  private final ObjectMapper json;

  Carts(Redis redis, RedisKeys keys, Duration idleTtl, ObjectMapper json) {
    this.redis = redis;
    this.keys = keys;
    this.idleTtl = idleTtl;
    this.json = json;
  }

  /** Replaces the cart; items are kept exactly as sent (any JSON values). */
  void replace(String username, ArrayNode items) {
    if (items.size() > MAX_ITEMS) {
      throw ApiException.badRequest("a cart holds at most " + MAX_ITEMS + " items");
    }
    String value;
    try {
      value = json.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("items cannot be stored");
    }
    Redis.call(() -> redis.commands().set(keys.cart(username), value, SetArgs.Builder.px(idleTtl.toMillis())));
  }

  /** The cart's items, empty when there is none or it expired. */
  ArrayNode items(String username) {
    String value = Redis.call(() -> redis.commands().getex(keys.cart(username), GetExArgs.Builder.px(idleTtl.toMillis())));
    if (value == null) {
      return json.createArrayNode();
    }
    try {
      JsonNode stored = json.readTree(value);
      return stored instanceof ArrayNode array ? array : json.createArrayNode();
    } catch (JsonProcessingException e) {
      return json.createArrayNode(); // written by us, so never happens; an empty cart beats a 500
    }
  }
}
