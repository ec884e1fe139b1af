package dev.stateless.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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

  /**
   * The ENFORCEMENT column reads a spec field the API server defaults, so that an app without
   * spec.statelessness shows Audit, not nothing; the other columns read status.
   */
  @Test
  void theEnforcementColumnReadsADefaultedField() throws IOException {
    CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(Files.readString(GENERATED), CustomResourceDefinition.class);
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);

    assertThat(version.getAdditionalPrinterColumns()).filteredOn(column -> column.getName().equals("Enforcement"))
        .singleElement().extracting(CustomResourceColumnDefinition::getJsonPath).isEqualTo(".spec.statelessness.enforcement");
    JSONSchemaProps statelessness = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties().get("statelessness");
    assertThat(statelessness.getDefault()).isNotNull();
    assertThat(statelessness.getDefault().get("enforcement").asText()).isEqualTo("Audit");
    assertThat(statelessness.getDefault().get("requireReadOnlyRootFilesystem").asBoolean()).isTrue();
  }
}
