package dev.stateless.operator;

import dev.stateless.operator.cli.RenderCommand;
import dev.stateless.operator.cli.RunCommand;
import dev.stateless.rules.audit.AuditCommand;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's command line: {@code run} (the default), {@code render}, {@code audit}. */
@Command(name = "stateless-operator", mixinStandardHelpOptions = true, version = "stateless-operator 0.1.0",
    description = "Makes statelessness a contract: runs StatelessApps and verifies they keep no local state.",
    subcommands = {RunCommand.class, RenderCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line; without a subcommand it runs the operator. */
  public static int execute(String... args) {
    return commandLine().execute(withDefaultSubcommand(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  static String[] withDefaultSubcommand(String[] args) {
    boolean namesSubcommand = args.length > 0 && !args[0].startsWith("-");
    boolean asksTopLevel = args.length > 0 && TOP_LEVEL_OPTIONS.contains(args[0]);
    if (namesSubcommand || asksTopLevel) {
      return args;
    }
    return Stream.concat(Stream.of("run"), Arrays.stream(args)).toArray(String[]::new);
  }
}
