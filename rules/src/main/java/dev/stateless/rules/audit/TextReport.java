package dev.stateless.rules.audit;

import dev.stateless.rules.PodContract;
import dev.stateless.rules.RuleViolation;
import java.io.PrintWriter;

/**
 * For people: one line per violation, {@code file:line: rule-id Kind/ns/name: message}, in the
 * {@code file:line:} form editors and terminals make clickable, then a summary line.
 */
final class TextReport implements AuditReport {

  @Override
  public void write(AuditResult result, PrintWriter out) {
    for (AuditFinding finding : result.findings()) {
      RuleViolation v = finding.violation();
      out.println(
          finding.uri() + ":" + finding.line() + ": " + v.ruleId() + " " + v.object() + ": " + v.message()
              + (v.suppressed() ? " [suppressed by " + PodContract.IGNORE_ANNOTATION + "]" : ""));
    }
    out.println(
        result.violations() + plural(result.violations(), " violation") + " ("
            + result.suppressed() + " suppressed) in "
            + result.objectsChecked() + plural(result.objectsChecked(), " object") + " checked, from "
            + result.files() + plural(result.files(), " file") + ".");
    out.flush();
  }

  private static String plural(long count, String noun) {
    return count == 1 ? noun : noun + "s";
  }
}
