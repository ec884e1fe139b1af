package dev.stateless.sample;

/**
 * Turns an {@code Authorization} header into a caller: {@code Bearer <jwt>} (the app's design: a
 * signature check and a revocation check, both local once the replica has seen the token) or
 * {@code Session <id>} (the classic design it is compared with: one Redis GET per request).
 */
final class Authenticator {

  /**
   * Who is calling, and the credential used, so that logout can revoke exactly that.
   *
   * @param accessToken set for Bearer callers
   * @param sessionId set for Session callers
   */
  record Caller(String username, String family, TokenService.AccessToken accessToken, String sessionId) {}

  private final TokenService tokens;
  private final RevocationList revocations;
  private final Sessions sessions;

  Authenticator(TokenService tokens, RevocationList revocations, Sessions sessions) {
    this.tokens = tokens;
    this.revocations = revocations;
    this.sessions = sessions;
  }

  Caller authenticate(String authorization) {
    return authenticate(authorization, false);
  }

  /**
   * As {@link #authenticate}, for logging out: a token whose login Redis no longer records is let
   * through too, so that logging out still revokes its login (and with it the refresh tokens that
   * would otherwise record it again).
   */
  Caller authenticateToLogOut(String authorization) {
    return authenticate(authorization, true);
  }

  private Caller authenticate(String authorization, boolean unknownLoginAllowed) {
    if (authorization == null) {
      throw ApiException.unauthorized("missing Authorization header");
    }
    if (startsWithIgnoringCase(authorization, "Bearer ")) {
      TokenService.AccessToken token;
      try {
        token = tokens.verify(authorization.substring(7).trim());
      } catch (TokenService.InvalidTokenException e) {
        throw ApiException.unauthorized(e.getMessage());
      }
      switch (revocations.standing(token)) {
        case REVOKED -> throw ApiException.unauthorized("token revoked");
        case LOGIN_UNKNOWN -> {
          if (!unknownLoginAllowed) {
            throw ApiException.unauthorized("login no longer known; log in again");
          }
        }
        case USABLE -> { }
      }
      return new Caller(token.subject(), token.sessionFamily(), token, null);
    }
    if (startsWithIgnoringCase(authorization, "Session ")) {
      String id = authorization.substring(8).trim();
      Sessions.Session session = sessions.find(id);
      if (revocations.isFamilyRevoked(session.family())) {
        throw ApiException.unauthorized("session revoked");
      }
      return new Caller(session.username(), session.family(), null, id);
    }
    throw ApiException.unauthorized("unsupported Authorization scheme");
  }

  private static boolean startsWithIgnoringCase(String value, String prefix) {
    return value.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
