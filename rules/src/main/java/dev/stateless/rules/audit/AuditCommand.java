package dev.stateless.rules.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit -f FILE_OR_DIR [--format text|json|sarif]}: checks Kubernetes manifests against the
 * statelessness rules without a cluster. Exit 0 when clean (suppressed violations count as clean),
 * 1 when violations are found, 2 when input cannot be read (each problem on one line of stderr,
 * naming the file and line; no report is printed then, since it would be incomplete).
 */
@Command(
    name = "audit",
    description = "Check Kubernetes manifests (files, directories, multi-document YAML, Helm output) against the statelessness rules.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no violations (suppressed ones do not count)", "1:violations found", "2:unreadable input or bad usage"})
public final class AuditCommand implements Callable<Integer> {

  public static final int CLEAN = 0;
  public static final int VIOLATIONS = 1;
  public static final int UNREADABLE = 2;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  private boolean help;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE_OR_DIR",
      description = "A manifest file, or a directory searched recursively for *.yaml, *.yml and *.json.")
  private Path input;

  @Option(
      names = "--format",
      defaultValue = "text",
      converter = AuditFormat.Converter.class,
      paramLabel = "FORMAT",
      description = "text (default), json or sarif (2.1.0, for code scanning).")
  private AuditFormat format;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<UnreadableManifestException> problems = new ArrayList<>();
    List<ManifestDocument> documents = new ArrayList<>();
    List<Path> files = List.of();
    try {
      files = ManifestFiles.under(input);
    } catch (UnreadableManifestException e) {
      problems.add(e);
    }
    for (Path file : files) {
      try {
        documents.addAll(ManifestParser.parse(file));
      } catch (UnreadableManifestException e) {
        problems.add(e);
      }
    }
    ManifestAuditor auditor = new ManifestAuditor(AuditCommand::uriOf);
    AuditResult result = auditor.audit(files.size(), documents);
    problems.addAll(auditor.problems());
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("audit: cannot read " + location(p) + ": " + p.getMessage()));
      err.flush();
      return UNREADABLE;
    }
    format.report().write(result, spec.commandLine().getOut());
    return result.violations() > 0 ? VIOLATIONS : CLEAN;
  }

  private static String location(UnreadableManifestException problem) {
    return uriOf(problem.file()) + (problem.line() > 0 ? ":" + problem.line() : "");
  }

  /**
   * Paths relative to the working directory (where CI runs, usually the repository root), as
   * code-scanning tools expect; others absolute. Always with {@code /}.
   */
  static String uriOf(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path workingDirectory = Path.of("").toAbsolutePath().normalize();
    Path shown = absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
