package dev.stateless.operator.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The JWKS as plain JSON maps, to look at members and to hand-edit sets the way a user might. */
final class RawJwks {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RawJwks() {}

  static List<Map<String, Object>> keys(String jwksJson) {
    try {
      return MAPPER.readValue(jwksJson, new TypeReference<Map<String, List<Map<String, Object>>>>() {}).get("keys");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String withKeys(List<Map<String, Object>> keys) {
    try {
      return MAPPER.writeValueAsString(Map.of("keys", keys));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
