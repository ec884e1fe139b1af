package dev.stateless.rules.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {

  @TempDir Path dir;

  @Test
  void helmOutputKeepsDocumentStartLinesAndSkipsEmptyDocuments() throws Exception {
    List<ManifestDocument> documents = ManifestParser.parse(Path.of(AuditRun.MANIFESTS, "helm-output.yaml"));

    assertThat(documents)
        .extracting(ManifestDocument::kind, ManifestDocument::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ServiceAccount", 3),
            org.assertj.core.groups.Tuple.tuple("ConfigMap", 13),
            org.assertj.core.groups.Tuple.tuple("Service", 22),
            org.assertj.core.groups.Tuple.tuple("Deployment", 39),
            org.assertj.core.groups.Tuple.tuple("HorizontalPodAutoscaler", 80));
  }

  @Test
  void yamlOnePointTwoKeepsOnAsAString() throws Exception {
    List<ManifestDocument> documents = ManifestParser.parse(Path.of(AuditRun.MANIFESTS, "helm-output.yaml"));

    assertThat(documents.get(1).content().get("data")).isEqualTo(java.util.Map.of("LOG_LEVEL", "info", "FEATURE_FLAGS", "on"));
  }

  @Test
  void aDocumentThatIsNotAMappingIsUnreadableAtItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("list.yaml"), "apiVersion: v1\nkind: ConfigMap\n---\n- just\n- a list\n");

    assertThatThrownBy(() -> ManifestParser.parse(file))
        .isInstanceOfSatisfying(
            UnreadableManifestException.class,
            e -> {
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.getMessage()).isEqualTo("a Kubernetes object must be a mapping, found a list");
            });
  }

  @Test
  void listsOfObjectsAreAuditedItemByItem() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("list.yaml"),
            "apiVersion: v1\nkind: List\nitems:\n"
                + "- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n  spec: {sessionAffinity: ClientIP}\n"
                + "- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n  spec: {sessionAffinity: None}\n");
    ManifestAuditor auditor = new ManifestAuditor(Path::toString);

    AuditResult result = auditor.audit(1, ManifestParser.parse(file));

    assertThat(auditor.problems()).isEmpty();
    assertThat(result.objectsChecked()).isEqualTo(2);
    assertThat(result.findings()).extracting(f -> f.violation().object().name()).containsExactly("a");
  }
}
