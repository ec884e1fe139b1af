package dev.stateless.rules.audit;

import java.util.List;

/** What an audit found: the files read, how many objects were checked, the findings in order. */
public record AuditResult(int files, int objectsChecked, List<AuditFinding> findings) {

  public long violations() {
    return findings.stream().filter(f -> !f.violation().suppressed()).count();
  }

  public long suppressed() {
    return findings.stream().filter(f -> f.violation().suppressed()).count();
  }
}
