package dev.stateless.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads small JSON request bodies strictly: malformed or oversized input is a 4xx, never a 500. */
final class JsonBodies {

  static final int MAX_BYTES = 64 * 1024;

  private final ObjectMapper json;

  JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode object(InputStream body) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw ApiException.badRequest("request body could not be read");
    }
    if (bytes.length > MAX_BYTES) {
      throw ApiException.payloadTooLarge("JSON bodies are limited to " + MAX_BYTES + " bytes");
    }
    try {
      JsonNode node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON");
    }
    throw ApiException.badRequest("request body must be a JSON object");
  }

  static String text(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw ApiException.badRequest("\"" + field + "\" must be a string");
    }
    return value.textValue();
  }

  static ArrayNode array(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (!(value instanceof ArrayNode array)) {
      throw ApiException.badRequest("\"" + field + "\" must be an array");
    }
    return array;
  }
}
