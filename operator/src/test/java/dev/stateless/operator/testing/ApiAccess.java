package dev.stateless.operator.testing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One request to the Kubernetes API as RBAC judges it: the verb, the API group, the resource and
 * subresource, and where (cluster-wide, in an app's namespace, or in the operator's own namespace).
 * Requests outside {@code /api} and {@code /apis} resources (such as {@code /version}) are
 * non-resource URLs, judged by path.
 *
 * <p>{@link #line()} is one line of the recorded-requests file the Helm chart's RBAC is checked against.
 */
public record ApiAccess(String verb, String group, String resource, String subresource, Scope scope, String path) {

  /** Where a request acts; what RBAC binding can grant it depends on it. */
  public enum Scope {
    /** Cluster-wide: a cluster-scoped resource, or a namespaced one across all namespaces. Only a ClusterRole grants it. */
    CLUSTER,
    /** In the namespace of an app the operator manages. */
    NAMESPACE,
    /** In the operator's own namespace, where its Lease lives. */
    OPERATOR_NAMESPACE,
    /** Not a resource: a path such as {@code /version}. */
    NON_RESOURCE;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The columns of {@link #line()}, as the file's first line. */
  public static final String HEADER = "# verb\tapiGroup\tresource\tsubresource\tscope\texample";

  /** Derives the RBAC view of a request from its method and URI, the way the API server does. */
  public static ApiAccess of(String method, URI uri, String operatorNamespace) {
    String path = uri.getRawPath();
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    List<String> rest;
    String group;
    if (segments.size() >= 3 && "api".equals(segments.get(0))) {
      group = "";
      rest = segments.subList(2, segments.size());
    } else if (segments.size() >= 4 && "apis".equals(segments.get(0))) {
      group = segments.get(1);
      rest = segments.subList(3, segments.size());
    } else {
      return new ApiAccess(method.toLowerCase(Locale.ROOT), "", "", "", Scope.NON_RESOURCE, path);
    }
    String namespace = null;
    if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    boolean named = rest.size() >= 2;
    String subresource = rest.size() >= 3 ? rest.get(2) : "";
    Scope scope = namespace == null ? Scope.CLUSTER
        : namespace.equals(operatorNamespace) ? Scope.OPERATOR_NAMESPACE
        : Scope.NAMESPACE;
    return new ApiAccess(verb(method, named, uri.getRawQuery()), group, resource, subresource, scope, path);
  }

  private static String verb(String method, boolean named, String query) {
    boolean watch = query != null && Arrays.asList(query.split("&")).contains("watch=true");
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /** The request without its example path: what two requests needing the same permission share. */
  public String permission() {
    return String.join("\t", verb, group, resource, subresource, scope.label());
  }

  public String line() {
    return permission() + "\t" + path;
  }
}
