package dev.stateless.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A request the operator made in the operator module's tests, as RBAC judges it. The operator's
 * test harness records them in {@code operator/target/api-requests/operator-requests.tsv}: verb,
 * API group, resource, subresource, scope ({@code cluster}, {@code namespace} of an app,
 * {@code operator-namespace}, or {@code non-resource}), and an example path.
 */
record RecordedRequest(String verb, String group, String resource, String subresource, String scope, String example) {

  static final Path FILE = Path.of(System.getProperty("operator.requests", "../operator/target/api-requests/operator-requests.tsv"));

  static List<RecordedRequest> load() {
    if (!Files.exists(FILE)) {
      throw new IllegalStateException(FILE + " is missing: the operator module's tests record the requests the RBAC"
          + " proof needs; run them first (mvn verify from the repository root does)");
    }
    try {
      return Files.readAllLines(FILE).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(RecordedRequest::parse)
          .distinct()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordedRequest parse(String line) {
    String[] columns = line.split("\t", -1);
    if (columns.length != 6) {
      throw new IllegalArgumentException("not a recorded request (6 tab-separated columns): " + line);
    }
    return new RecordedRequest(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
  }

  boolean nonResource() {
    return "non-resource".equals(scope);
  }

  /**
   * The name of the object the request addresses, from its example path ({@code .../leases/<name>});
   * empty for a collection (list, watch, create).
   */
  Optional<String> objectName() {
    List<String> segments = List.of(example.split("\\?", 2)[0].split("/"));
    int at = segments.lastIndexOf(resource);
    return at >= 0 && at + 1 < segments.size() ? Optional.of(segments.get(at + 1)) : Optional.empty();
  }

  /** The resource as RBAC rules name it: {@code deployments}, or {@code statelessapps/status}. */
  String rbacResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  @Override
  public String toString() {
    String what = nonResource() ? example : (group.isEmpty() ? "core" : group) + " " + rbacResource();
    return verb + " " + what + " (" + scope + (nonResource() ? "" : ", e.g. " + example) + ")";
  }
}
