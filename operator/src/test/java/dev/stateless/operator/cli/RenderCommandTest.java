package dev.stateless.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.operator.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RenderCommandTest {

  @TempDir
  Path dir;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int render(Path file) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute("render", "-f", file.toString());
  }

  @Test
  void rendersTheSampleApp() {
    assertThat(render(Path.of("../sample-app/k8s/shop.yaml"))).isZero();
    assertThat(out.toString())
        .contains("kind: \"Deployment\"", "kind: \"Service\"", "kind: \"PodDisruptionBudget\"")
        .contains("name: \"shop\"");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void malformedYamlExitsTwoNamingFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("app.yaml"), "apiVersion: stateless.dev/v1alpha1\nkind: [StatelessApp\n");
    assertThat(render(file)).isEqualTo(2);
    assertThat(err.toString()).startsWith("render: " + file + ": line ").contains("not valid YAML").hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anotherKindExitsTwo() throws IOException {
    Path file = Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    assertThat(render(file)).isEqualTo(2);
    assertThat(err.toString()).contains("ConfigMap (v1), not a StatelessApp").hasLineCount(1);
  }

  @Test
  void aMissingFileExitsTwo() {
    assertThat(render(dir.resolve("nope.yaml"))).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void anInvalidSpecExitsTwoNamingTheField() throws IOException {
    Path file = Files.writeString(dir.resolve("app.yaml"),
        "apiVersion: stateless.dev/v1alpha1\nkind: StatelessApp\nmetadata:\n  name: shop\nspec:\n  port: 8080\n");
    assertThat(render(file)).isEqualTo(2);
    assertThat(err.toString()).contains("spec.image: is required");
  }
}
