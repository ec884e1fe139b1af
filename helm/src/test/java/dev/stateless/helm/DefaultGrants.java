package dev.stateless.helm;

import java.util.Set;

/**
 * What Kubernetes grants every authenticated account through its bootstrap ClusterRoles, so the
 * chart must not grant it again: {@code system:basic-user} (reviews of one's own permissions, which
 * JOSDK asks for before leader election), {@code system:discovery} and
 * {@code system:public-info-viewer} (the API server's version and discovery documents).
 */
final class DefaultGrants {

  private static final Set<String> SELF_REVIEWS = Set.of(
      "authorization.k8s.io/selfsubjectrulesreviews",
      "authorization.k8s.io/selfsubjectaccessreviews",
      "authentication.k8s.io/selfsubjectreviews");

  private static final Set<String> PUBLIC_PATHS = Set.of("/version", "/version/", "/healthz", "/livez", "/readyz", "/api", "/apis");

  private DefaultGrants() {}

  static boolean covers(RecordedRequest request) {
    if (request.nonResource()) {
      String path = request.example();
      return "get".equals(request.verb())
          && (PUBLIC_PATHS.contains(path) || path.startsWith("/api/") || path.startsWith("/apis/") || path.startsWith("/openapi/"));
    }
    return "create".equals(request.verb()) && SELF_REVIEWS.contains(request.group() + "/" + request.rbacResource());
  }
}
