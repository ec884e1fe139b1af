package dev.stateless.rules.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateless.rules.RuleViolation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * For scripts. The shape is stable (fields are only ever added):
 *
 * <pre>
 * {
 *   "summary": {"files": 3, "objects": 7, "violations": 2, "suppressed": 1},
 *   "violations": [
 *     {"file": "deploy/app.yaml", "line": 12, "rule": "no-emptydir",
 *      "object": {"kind": "Deployment", "namespace": "shop", "name": "web"},
 *      "subject": {"kind": "volume", "name": "cache"},
 *      "message": "...", "suppressed": false}
 *   ]
 * }
 * </pre>
 *
 * {@code violations} in the summary counts unsuppressed ones; the list holds both, in report order.
 * {@code namespace} and names are {@code null} when the manifest does not set them; subject kinds
 * are {@code container}, {@code init-container}, {@code ephemeral-container}, {@code volume},
 * {@code volume-claim-template} and {@code field}.
 */
final class JsonReport implements AuditReport {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(AuditResult result, PrintWriter out) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    summary.put("files", result.files());
    summary.put("objects", result.objectsChecked());
    summary.put("violations", result.violations());
    summary.put("suppressed", result.suppressed());
    ArrayNode violations = root.putArray("violations");
    for (AuditFinding finding : result.findings()) {
      RuleViolation v = finding.violation();
      ObjectNode entry = violations.addObject();
      entry.put("file", finding.uri());
      entry.put("line", finding.line());
      entry.put("rule", v.ruleId());
      ObjectNode object = entry.putObject("object");
      object.put("kind", v.object().kind());
      object.put("namespace", v.object().namespace());
      object.put("name", v.object().name());
      ObjectNode subject = entry.putObject("subject");
      subject.put("kind", v.subject().kind().id());
      subject.put("name", v.subject().name());
      entry.put("message", v.message());
      entry.put("suppressed", v.suppressed());
    }
    try {
      out.println(MAPPER.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
