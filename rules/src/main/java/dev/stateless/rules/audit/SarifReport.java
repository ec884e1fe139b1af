package dev.stateless.rules.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stateless.rules.PodContract;
import dev.stateless.rules.Rule;
import dev.stateless.rules.RuleViolation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning among them): every rule's metadata with
 * help text, one result per violation located at the line where the object's document starts, and
 * suppressed violations marked {@code inSource} (the ignore annotation sits in the manifest).
 */
final class SarifReport implements AuditReport {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String TOOL_NAME = "stateless-operator audit";
  static final String INFORMATION_URI = "https://stateless.dev";
  static final String LEVEL = "error";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(AuditResult result, PrintWriter out) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", TOOL_NAME);
    driver.put("informationUri", INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : Rule.values()) {
      ObjectNode entry = rules.addObject();
      entry.put("id", rule.id());
      entry.putObject("shortDescription").put("text", rule.title());
      entry.putObject("fullDescription").put("text", rule.help());
      entry.putObject("help").put("text", rule.help());
      entry.putObject("defaultConfiguration").put("level", LEVEL);
      entry.putObject("properties").putArray("tags").add("kubernetes").add("statelessness");
    }
    ArrayNode results = run.putArray("results");
    for (AuditFinding finding : result.findings()) {
      RuleViolation v = finding.violation();
      ObjectNode entry = results.addObject();
      entry.put("ruleId", v.ruleId());
      entry.put("ruleIndex", v.rule().ordinal());
      entry.put("level", LEVEL);
      entry.putObject("message").put("text", v.object() + ": " + v.message());
      ObjectNode location = entry.putArray("locations").addObject().putObject("physicalLocation");
      location.putObject("artifactLocation").put("uri", finding.uri());
      location.putObject("region").put("startLine", finding.line());
      if (v.suppressed()) {
        ObjectNode suppression = entry.putArray("suppressions").addObject();
        suppression.put("kind", "inSource");
        suppression.put("justification", "opted out with the " + PodContract.IGNORE_ANNOTATION + " annotation");
      }
    }
    try {
      out.println(MAPPER.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
