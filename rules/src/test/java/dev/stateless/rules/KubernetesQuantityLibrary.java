package dev.stateless.rules;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of Kubernetes' CEL quantity library the admission policy uses, for cel-java, which has
 * none: {@code isQuantity(string)}, {@code quantity(string)} and {@code <Quantity>.compareTo(<Quantity>)}.
 * As in the API server, {@code quantity()} of a malformed string is an evaluation error. Parsing is
 * the engine's own ({@link Quantities}, which follows Kubernetes' grammar), so the agreement tests
 * check the policy's logic against the engine's, not the parser against the API server's.
 */
final class KubernetesQuantityLibrary {

  /** A parsed quantity, as CEL code sees it: comparable, nothing else. */
  record Value(BigDecimal amount) {}

  static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

  private KubernetesQuantityLibrary() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "isQuantity", CelOverloadDecl.newGlobalOverload("isQuantity_string", SimpleType.BOOL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "quantity", CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "compareTo", CelOverloadDecl.newMemberOverload("quantity_compareTo_quantity", SimpleType.INT, QUANTITY, QUANTITY)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("isQuantity_string", String.class, Quantities::isValid),
        CelFunctionBinding.from("quantity_string", String.class, KubernetesQuantityLibrary::quantity),
        CelFunctionBinding.from("quantity_compareTo_quantity", Value.class, Value.class,
            (left, right) -> (long) Integer.signum(left.amount().compareTo(right.amount()))));
  }

  private static Value quantity(String text) throws CelEvaluationException {
    return new Value(Quantities.parse(text)
        .orElseThrow(() -> new CelEvaluationException("quantities must match the regular expression: " + text)));
  }
}
