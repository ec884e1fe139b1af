package dev.stateless.rules.audit;

import dev.stateless.rules.RuleViolation;

/**
 * A violation found in a manifest, with where to point a person (or a code-scanning tool) at.
 *
 * @param uri the file, relative to the working directory when it lies under it, with {@code /}
 * @param line the 1-based line where the object's document starts
 */
public record AuditFinding(String uri, int line, RuleViolation violation) {}
