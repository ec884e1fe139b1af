package dev.stateless.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.EnforcementMode;
import dev.stateless.api.v1alpha1.Probes;
import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.Statelessness;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentDependentTest {

  final DeploymentDependent dependent = new DeploymentDependent();

  @Test
  void defaults() {
    Deployment deployment = dependent.render(TestApps.app("ns", "shop"));

    assertThat(deployment.getMetadata().getName()).isEqualTo("shop");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(deployment.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "app.kubernetes.io/name", "shop",
        "app.kubernetes.io/managed-by", "stateless-operator",
        "app.kubernetes.io/component", "app"));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getMetadata().getLabels());
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();

    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
      assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
      assertThat(spread.getMaxSkew()).isEqualTo(1);
      assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    });
    assertThat(pod.getVolumes()).isEmpty();

    Container app = pod.getContainers().get(0);
    assertThat(app.getImage()).isEqualTo("registry.example.com/shop:1.4.2");
    assertThat(app.getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getContainerPort()).isEqualTo(8080);
      assertThat(port.getName()).isEqualTo("http");
    });
    assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz/ready");
    assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
    assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(app.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(app.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(app.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(app.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(app.getEnv()).singleElement().satisfies(env -> {
      assertThat(env.getName()).isEqualTo("POD_NAME");
      assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("stateless.dev/enforcement");
  }

  @Test
  void portProbesReplicasEnvAndResourcesComeFromTheSpec() {
    StatelessApp app = TestApps.app("ns", "shop");
    app.getSpec().setPort(9090);
    app.getSpec().setReplicas(5);
    Probes probes = new Probes();
    probes.setReadinessPath("/ready");
    probes.setLivenessPath("/alive");
    app.getSpec().setProbes(probes);
    app.getSpec().getEnv().add(new EnvVar("FEATURE_X", "on", null));
    // Written as people write them; the API server stores 500m and 1Gi, and so must the desired
    // object, or it would never match the stored one and every reconcile would write it again.
    app.getSpec().setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("0.5"))
        .addToLimits("memory", new Quantity("1024Mi")).build());

    Deployment deployment = dependent.render(app);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(5);
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(9090);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/alive");
    assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactly("POD_NAME", "FEATURE_X");
    // As text: Quantity's equals compares amounts, and "0.5" equals "500m" there.
    assertThat(container.getResources().getRequests().get("cpu")).hasToString("500m");
    assertThat(container.getResources().getLimits().get("memory")).hasToString("1Gi");
  }

  @Test
  void autoscalingStartsAtMinReplicasAndThenKeepsWhatRuns() {
    StatelessApp app = TestApps.app("ns", "shop");
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(3);
    autoscaling.setMaxReplicas(10);
    app.getSpec().setAutoscaling(autoscaling);
    app.getSpec().setReplicas(7);

    assertThat(dependent.render(app).getSpec().getReplicas()).isEqualTo(3);
    Deployment scaledByTheAutoscaler = new DeploymentBuilder().withNewSpec().withReplicas(6).endSpec().build();
    assertThat(dependent.build(new AppSettings(app), Optional.of(scaledByTheAutoscaler)).getSpec().getReplicas()).isEqualTo(6);
    Deployment belowTheFloor = new DeploymentBuilder().withNewSpec().withReplicas(1).endSpec().build();
    assertThat(dependent.build(new AppSettings(app), Optional.of(belowTheFloor)).getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void theDigestIgnoresReplicasButNotTheTemplate() {
    StatelessApp app = TestApps.app("ns", "shop");
    String digest = DesiredStateHash.storedOn(dependent.render(app));
    app.getSpec().setReplicas(9);
    assertThat(DesiredStateHash.storedOn(dependent.render(app))).isEqualTo(digest);
    app.getSpec().setImage("registry.example.com/shop:2.0.0");
    assertThat(DesiredStateHash.storedOn(dependent.render(app))).isNotEqualTo(digest);
  }

  /**
   * The CRD defaults spec.statelessness, so after the CRD is upgraded an app stored without it reads
   * back with the defaults spelled out: its Deployment must not change, or every app would roll.
   */
  @Test
  void statelessnessLeftOutAndTheCrdsDefaultForItRenderTheSameDeployment() throws IOException {
    KubernetesSerialization serialization = new KubernetesSerialization();
    CustomResourceDefinition crd = serialization.unmarshal(Files.readString(TestApps.CRD), CustomResourceDefinition.class);
    JsonNode crdDefault = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec").getProperties().get("statelessness").getDefault();
    StatelessApp leftOut = TestApps.app("ns", "shop");
    StatelessApp defaulted = TestApps.app("ns", "shop");
    defaulted.getSpec().setStatelessness(serialization.convertValue(crdDefault, Statelessness.class));

    assertThat(defaulted.getSpec().getStatelessness().getEnforcement()).isEqualTo(EnforcementMode.Audit);
    assertThat(dependent.render(defaulted)).isEqualTo(dependent.render(leftOut));
  }

  @Test
  void enforcementScratchAndWritableRootFilesystem() {
    StatelessApp app = TestApps.app("ns", "shop");
    Statelessness statelessness = new Statelessness();
    statelessness.setEnforcement(EnforcementMode.Enforce);
    statelessness.setRequireReadOnlyRootFilesystem(false);
    statelessness.setScratch(new Scratch("/tmp", "64Mi"));
    app.getSpec().setStatelessness(statelessness);

    Deployment deployment = dependent.render(app);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("stateless.dev/enforcement", "Enforce");
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("stateless.dev/enforcement");
    assertThat(pod.getVolumes()).singleElement().satisfies(volume -> {
      assertThat(volume.getName()).isEqualTo("scratch");
      assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
      assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("64Mi"));
    });
    assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getName()).isEqualTo("scratch");
      assertThat(mount.getMountPath()).isEqualTo("/tmp");
    });
    assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isFalse();
  }
}
