package dev.stateless.rules.audit;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code audit} invocation, run the way the operator's command line runs it, output captured. */
record AuditRun(int exitCode, String out, String err) {

  static final String MANIFESTS = "src/test/resources/audit/manifests";
  static final String MALFORMED = "src/test/resources/audit/malformed";
  static final String SUPPRESSED_ONLY = "src/test/resources/audit/suppressed-only";
  static final String CLEAN_DEPLOYMENT = MANIFESTS + "/apps/clean-deployment.yaml";

  static AuditRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new AuditCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new AuditRun(exitCode, out.toString(), err.toString());
  }
}
