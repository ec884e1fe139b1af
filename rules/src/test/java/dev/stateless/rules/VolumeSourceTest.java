package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classification table stays complete when the Kubernetes model grows. */
class VolumeSourceTest {

  @Test
  void everyVolumeTypeOfTheModelIsClassified() {
    List<String> modelFields =
        new ObjectMapper()
            .getSerializationConfig()
            .introspect(new ObjectMapper().constructType(Volume.class))
            .findProperties()
            .stream()
            .map(p -> p.getName())
            .filter(name -> !name.equals("name") && !name.equals("additionalProperties"))
            .toList();

    assertThat(VolumeSource.allFields())
        .as("a volume type was added to the model: classify it in VolumeSource")
        .containsExactlyInAnyOrderElementsOf(modelFields);
  }

  @Test
  void onlyConfigurationVolumesAreAllowed() {
    assertThat(java.util.Arrays.stream(VolumeSource.values()).filter(s -> s.rule().isEmpty()).map(VolumeSource::field))
        .containsExactlyInAnyOrder("configMap", "secret", "projected", "downwardAPI");
  }
}
