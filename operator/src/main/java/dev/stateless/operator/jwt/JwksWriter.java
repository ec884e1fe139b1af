package dev.stateless.operator.jwt;

import io.jsonwebtoken.io.Serializer;
import io.jsonwebtoken.jackson.io.JacksonSerializer;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Serializes keys, in order, into the JWKS JSON that goes into the Secret. */
final class JwksWriter {

  // jjwt's Jackson serializer writes the private members that toString() and Jwks.json() redact;
  // that is wanted here, since the Secret is where the signing key lives.
  private final Serializer<Map<String, ?>> serializer = new JacksonSerializer<>();

  String write(List<PublishedKey> keys) {
    List<Jwk<?>> jwks = keys.stream().<Jwk<?>>map(PublishedKey::jwk).toList();
    JwkSet set = Jwks.set().add(jwks).build();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    serializer.serialize(set, json);
    return json.toString(StandardCharsets.UTF_8);
  }
}
