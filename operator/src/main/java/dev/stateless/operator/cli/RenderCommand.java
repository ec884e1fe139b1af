package dev.stateless.operator.cli;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.reconciler.SpecProblem;
import dev.stateless.operator.reconciler.SpecValidator;
import dev.stateless.operator.render.AppRenderer;
import dev.stateless.operator.render.ManifestReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints every object the operator would create for the StatelessApps of a file, without a cluster. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print, as multi-document YAML, every object the operator would create for a StatelessApp.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:objects printed", "2:the file is unreadable, not a StatelessApp, or its spec is invalid"})
public final class RenderCommand implements Callable<Integer> {

  static final String DEFAULT_NAMESPACE = "default";

  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "A YAML file with one or more StatelessApps.")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<StatelessApp> apps;
    try {
      apps = new ManifestReader().read(file);
    } catch (ManifestReader.UnreadableManifestException e) {
      err.println("render: " + e.getMessage());
      return 2;
    }
    KubernetesSerialization yaml = new KubernetesSerialization();
    AppRenderer renderer = new AppRenderer();
    for (StatelessApp app : apps) {
      if (app.getMetadata().getNamespace() == null) {
        app.getMetadata().setNamespace(DEFAULT_NAMESPACE);
      }
      List<SpecProblem> problems = new SpecValidator().validate(app);
      if (!problems.isEmpty()) {
        err.println("render: " + file + ": StatelessApp " + app.getMetadata().getName() + " is invalid: " + problems.get(0)
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        return 2;
      }
      for (HasMetadata object : renderer.render(app)) {
        out.print(yaml.asYaml(object));
      }
    }
    out.flush();
    return 0;
  }
}
