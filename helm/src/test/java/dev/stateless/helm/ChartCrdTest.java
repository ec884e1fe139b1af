package dev.stateless.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart installs exactly the CRD generated from the API classes: crds/ at the repository root
 * (checked against the generator by the api module), copied into the chart by the build.
 */
class ChartCrdTest {

  static final Path GENERATED = Path.of("..", "crds", "statelessapps.stateless.dev-v1.yml");

  @Test
  void theChartHoldsExactlyTheGeneratedCrd() throws IOException {
    try (Stream<Path> files = Files.list(Chart.SOURCE.resolve("crds"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertThat(names).containsExactly("statelessapps.stateless.dev-v1.yml");
    }
    assertThat(Chart.SOURCE.resolve("crds/statelessapps.stateless.dev-v1.yml")).hasSameBinaryContentAs(GENERATED);
  }

  @Test
  void whatHelmInstallsAsCrdsIsTheGeneratedCrdByteForByte() throws IOException {
    String shown = Chart.source().show().crds().call();

    // helm show crds prints each CRD file followed by a line break of its own.
    assertThat(shown).isEqualTo(Files.readString(GENERATED) + "\n");
  }
}
