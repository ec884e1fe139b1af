package dev.stateless.rules.audit;

import java.io.PrintWriter;

/** One output format of {@code audit}. */
interface AuditReport {
  void write(AuditResult result, PrintWriter out);
}
