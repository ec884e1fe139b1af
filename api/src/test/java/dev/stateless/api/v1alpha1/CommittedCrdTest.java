package dev.stateless.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD in crds/ is generated, never hand-edited: the build fails when the committed file differs
 * from what the classes generate.
 */
class CommittedCrdTest {

  static final String CRD_FILE = "statelessapps.stateless.dev-v1.yml";
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", CRD_FILE);
  static final Path COMMITTED = Path.of("../crds", CRD_FILE);

  @Test
  void committedCrdIsTheGeneratedOne() throws IOException {
    assertThat(Files.readString(COMMITTED))
        .as("crds/%s is stale; regenerate it with: cp api/%s crds/", CRD_FILE, GENERATED)
        .isEqualTo(Files.readString(GENERATED));
  }

  @Test
  void crdCarriesSubresourcesColumnsAndShortName() throws IOException {
    String crd = Files.readString(GENERATED);
    assertThat(crd)
        .contains("- \"sapp\"")
        .contains("status: {}")
        .contains("specReplicasPath: \".spec.replicas\"")
        .contains("statusReplicasPath: \".status.replicas\"")
        .contains("labelSelectorPath: \".status.selector\"")
        .contains("name: \"Ready\"", "name: \"Enforcement\"", "name: \"Stateless\"", "name: \"Violations\"", "name: \"Age\"")
        .contains("self.maxReplicas >= self.minReplicas")
        .contains("has(self.externalSecretRef)");
  }
}
