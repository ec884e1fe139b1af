package dev.stateless.rules.audit;

import static dev.stateless.rules.audit.AuditRun.CLEAN_DEPLOYMENT;
import static dev.stateless.rules.audit.AuditRun.MALFORMED;
import static dev.stateless.rules.audit.AuditRun.MANIFESTS;
import static dev.stateless.rules.audit.AuditRun.SUPPRESSED_ONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code audit} on a directory of real-world-style manifests, in every format, with its exit codes. */
class AuditCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void textReportsEachViolationAtItsFileAndLineThenASummary() {
    AuditRun run = AuditRun.of("-f", MANIFESTS);

    assertThat(run.exitCode()).isEqualTo(AuditCommand.VIOLATIONS);
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("7 violations (1 suppressed) in 8 objects checked, from 6 files.");
    assertThat(lines.subList(0, lines.size() - 1).stream().map(line -> line.substring(0, line.indexOf(": ", line.indexOf(": ") + 2) + 1)))
        .containsExactly(
            MANIFESTS + "/apps/cronjob.yaml:1: no-hostpath CronJob/shop/shop-nightly-cleanup:",
            MANIFESTS + "/apps/ingress.yaml:1: no-sticky-sessions Ingress/shop/shop:",
            MANIFESTS + "/apps/ingress.yaml:23: no-sticky-sessions Ingress/shop/shop-plus:",
            MANIFESTS + "/apps/service.json:1: no-sticky-sessions Service/shop/legacy-checkout:",
            MANIFESTS + "/apps/statefulset.yaml:2: no-pvc StatefulSet/shop/search:",
            MANIFESTS + "/helm-output.yaml:22: no-sticky-sessions Service/shop:",
            MANIFESTS + "/helm-output.yaml:39: no-emptydir Deployment/shop:",
            MANIFESTS + "/helm-output.yaml:39: failover-replicas Deployment/shop:");
    assertThat(run.out())
        .contains("legacy-checkout: Service \"legacy-checkout\" has sessionAffinity: ClientIP")
        .contains("[suppressed by stateless.dev/ignore]")
        .contains("spec.minReplicas of HorizontalPodAutoscaler shop is 1")
        .contains("volume \"sessions\" is an emptyDir on the node's disk");
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    AuditRun run = AuditRun.of("-f", MANIFESTS, "--format", "json");

    assertThat(run.exitCode()).isEqualTo(AuditCommand.VIOLATIONS);
    JsonNode report = JSON.readTree(run.out());
    assertThat(fieldNames(report)).containsExactly("summary", "violations");
    assertThat(report.get("summary"))
        .isEqualTo(JSON.readTree("{\"files\": 6, \"objects\": 8, \"violations\": 7, \"suppressed\": 1}"));
    assertThat(report.get("violations"))
        .extracting(
            v -> v.get("file").asText().substring(MANIFESTS.length() + 1),
            v -> v.get("line").asInt(),
            v -> v.get("rule").asText(),
            v -> v.get("object").get("kind").asText(),
            v -> v.get("object").get("name").asText(),
            v -> v.get("subject").get("kind").asText(),
            v -> v.get("subject").get("name").asText(),
            v -> v.get("suppressed").asBoolean())
        .containsExactly(
            tuple("apps/cronjob.yaml", 1, "no-hostpath", "CronJob", "shop-nightly-cleanup", "volume", "reports", false),
            tuple("apps/ingress.yaml", 1, "no-sticky-sessions", "Ingress", "shop", "field", "metadata.annotations[nginx.ingress.kubernetes.io/affinity]", false),
            tuple("apps/ingress.yaml", 23, "no-sticky-sessions", "Ingress", "shop-plus", "field", "metadata.annotations[nginx.com/sticky-cookie-services]", false),
            tuple("apps/service.json", 1, "no-sticky-sessions", "Service", "legacy-checkout", "field", "spec.sessionAffinity", true),
            tuple("apps/statefulset.yaml", 2, "no-pvc", "StatefulSet", "search", "volume-claim-template", "index", false),
            tuple("helm-output.yaml", 22, "no-sticky-sessions", "Service", "shop", "field", "spec.sessionAffinity", false),
            tuple("helm-output.yaml", 39, "no-emptydir", "Deployment", "shop", "volume", "sessions", false),
            tuple("helm-output.yaml", 39, "failover-replicas", "Deployment", "shop", "field", "spec.minReplicas of HorizontalPodAutoscaler shop", false));
    JsonNode first = report.get("violations").get(0);
    assertThat(fieldNames(first)).containsExactly("file", "line", "rule", "object", "subject", "message", "suppressed");
    assertThat(first.get("object").get("namespace").asText()).isEqualTo("shop");
    assertThat(report.get("violations").get(5).get("object").get("namespace").isNull()).isTrue();
  }

  @Test
  void sarifIsWhatCodeScanningAccepts() throws Exception {
    AuditRun run = AuditRun.of("-f", MANIFESTS, "--format", "sarif");

    assertThat(run.exitCode()).isEqualTo(AuditCommand.VIOLATIONS);
    JsonNode sarif = JSON.readTree(run.out());
    assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("runs")).hasSize(1);

    JsonNode driver = sarif.get("runs").get(0).get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("stateless-operator audit");
    assertThat(driver.get("informationUri").asText()).startsWith("https://");
    assertThat(driver.get("rules"))
        .extracting(r -> r.get("id").asText())
        .containsExactly(
            "no-emptydir", "no-hostpath", "no-pvc", "no-ephemeral-volume", "read-only-root-fs",
            "no-sticky-sessions", "failover-replicas", "readiness-probe");
    assertThat(driver.get("rules"))
        .allSatisfy(
            rule -> {
              assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
              assertThat(rule.get("fullDescription").get("text").asText()).hasSizeGreaterThan(80);
              assertThat(rule.get("help").get("text").asText()).isEqualTo(rule.get("fullDescription").get("text").asText());
              assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("error", "warning", "note");
            });

    JsonNode results = sarif.get("runs").get(0).get("results");
    assertThat(results).hasSize(8);
    for (JsonNode result : results) {
      String ruleId = result.get("ruleId").asText();
      assertThat(driver.get("rules").get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(ruleId);
      assertThat(result.get("level").asText()).isEqualTo("error");
      assertThat(result.get("message").get("text").asText()).isNotBlank();
      JsonNode location = result.get("locations").get(0).get("physicalLocation");
      assertThat(location.get("artifactLocation").get("uri").asText()).startsWith(MANIFESTS + "/").doesNotStartWith("/");
      assertThat(location.get("region").get("startLine").asInt()).isPositive();
    }
    JsonNode statefulSet = results.get(4);
    assertThat(statefulSet.get("ruleId").asText()).isEqualTo("no-pvc");
    assertThat(statefulSet.get("message").get("text").asText()).startsWith("StatefulSet/shop/search: volumeClaimTemplate \"index\"");
    assertThat(statefulSet.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
        .isEqualTo(MANIFESTS + "/apps/statefulset.yaml");
    assertThat(statefulSet.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(2);
    assertThat(statefulSet.has("suppressions")).isFalse();

    JsonNode suppressed = results.get(3);
    assertThat(suppressed.get("ruleId").asText()).isEqualTo("no-sticky-sessions");
    assertThat(suppressed.get("suppressions")).hasSize(1);
    assertThat(suppressed.get("suppressions").get(0).get("kind").asText()).isEqualTo("inSource");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif"})
  void cleanManifestExitsZeroInEveryFormat(String format) {
    AuditRun run = AuditRun.of("-f", CLEAN_DEPLOYMENT, "--format", format);

    assertThat(run.exitCode()).isEqualTo(AuditCommand.CLEAN);
    assertThat(run.err()).isEmpty();
    switch (format) {
      case "text" -> assertThat(run.out()).isEqualTo("0 violations (0 suppressed) in 1 object checked, from 1 file." + System.lineSeparator());
      case "json" -> assertThat(run.out()).contains("\"violations\" : [ ]");
      default -> assertThat(run.out()).contains("\"results\" : [ ]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif"})
  void suppressedOnlyCountsAsClean(String format) {
    AuditRun run = AuditRun.of("-f", SUPPRESSED_ONLY, "--format", format);

    assertThat(run.exitCode()).isEqualTo(AuditCommand.CLEAN);
    assertThat(run.out()).contains("no-pvc").contains("failover-replicas");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif"})
  void violationsExitOneInEveryFormat(String format) {
    assertThat(AuditRun.of("-f", MANIFESTS, "--format", format).exitCode()).isEqualTo(AuditCommand.VIOLATIONS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif"})
  void unreadableInputExitsTwoNamingFileAndLine(String format) {
    AuditRun run = AuditRun.of("-f", MALFORMED, "--format", format);

    assertThat(run.exitCode()).isEqualTo(AuditCommand.UNREADABLE);
    assertThat(run.out()).as("no partial report").isEmpty();
    assertThat(run.err().lines())
        .containsExactly(
            "audit: cannot read " + MALFORMED + "/broken.yaml:11: invalid YAML: expected <block end>, but found '?'",
            "audit: cannot read " + MALFORMED + "/wrong-type.yaml:6: not a valid Deployment: Cannot deserialize value of type `java.lang.Integer` from String \"three\": not a valid `java.lang.Integer` value");
  }

  @Test
  void missingInputExitsTwo() {
    AuditRun run = AuditRun.of("-f", "src/test/resources/audit/does-not-exist");

    assertThat(run.exitCode()).isEqualTo(AuditCommand.UNREADABLE);
    assertThat(run.err().strip()).isEqualTo("audit: cannot read src/test/resources/audit/does-not-exist: no such file or directory");
  }

  @Test
  void unknownFormatIsAUsageError() {
    AuditRun run = AuditRun.of("-f", MANIFESTS, "--format", "xml");

    assertThat(run.exitCode()).isEqualTo(AuditCommand.UNREADABLE);
    assertThat(run.err()).contains("expected text, json or sarif, not 'xml'");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
