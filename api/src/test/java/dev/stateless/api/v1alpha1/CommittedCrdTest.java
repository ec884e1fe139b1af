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
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The API server estimates each CEL rule's cost on the largest object it would accept, and refuses
   * the whole CRD when a rule could cost too much. A list without maxItems may hold hundreds of
   * thousands of items there, so a rule that iterates over one (let alone pairs of them) is refused.
   * The mock API server of the tests estimates nothing: this holds every iterated list to a bound.
   */
  @Test
  void everyListThatARuleIteratesOverIsBounded() throws IOException {
    CustomResourceDefinition crd = new KubernetesSerialization().unmarshal(Files.readString(GENERATED), CustomResourceDefinition.class);
    List<String> iterated = new ArrayList<>();
    collectIteratedLists("", crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema(), iterated);
    assertThat(iterated).as("lists iterated by CEL rules, with their maxItems").isNotEmpty()
        .allSatisfy(list -> assertThat(list).doesNotEndWith("maxItems=null"));
  }

  private static final java.util.regex.Pattern ITERATION =
      java.util.regex.Pattern.compile("self\\.(\\w+)\\.(all|exists|exists_one|map|filter)\\(");

  private static void collectIteratedLists(String path, JSONSchemaProps schema, List<String> iterated) {
    if (schema.getXKubernetesValidations() != null) {
      schema.getXKubernetesValidations().forEach(validation -> {
        java.util.regex.Matcher matcher = ITERATION.matcher(validation.getRule());
        while (matcher.find()) {
          JSONSchemaProps list = schema.getProperties().get(matcher.group(1));
          iterated.add(path + "." + matcher.group(1) + " maxItems=" + list.getMaxItems());
        }
      });
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> collectIteratedLists(path + "." + name, property, iterated));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectIteratedLists(path + "[]", schema.getItems().getSchema(), iterated);
    }
  }
}
