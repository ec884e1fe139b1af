package dev.stateless.rules.audit;

import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The output formats of {@code audit}, spelled on the command line in lower case. */
enum AuditFormat {
  TEXT(TextReport::new),
  JSON(JsonReport::new),
  SARIF(SarifReport::new);

  private final Supplier<AuditReport> report;

  AuditFormat(Supplier<AuditReport> report) {
    this.report = report;
  }

  AuditReport report() {
    return report.get();
  }

  static final class Converter implements ITypeConverter<AuditFormat> {
    @Override
    public AuditFormat convert(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected text, json or sarif, not '" + value + "'");
      }
    }
  }
}
