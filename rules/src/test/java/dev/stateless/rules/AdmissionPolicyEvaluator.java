package dev.stateless.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a ValidatingAdmissionPolicy's CEL the way the API server does: {@code object} is dynamic,
 * variables are evaluated in order and visible as {@code variables.<name>}, a validation whose
 * expression is false denies with its messageExpression. The strings extension stands in for the
 * Kubernetes string library ({@code join}), {@link KubernetesQuantityLibrary} for its quantity
 * library; {@code matches} is standard CEL.
 */
final class AdmissionPolicyEvaluator {

  /** The outcome for one object: the denying validations' messages, in policy order. */
  record Verdict(boolean matched, List<String> denials) {

    /** The rule ids the denials name (each message starts with {@code <rule-id>:}). */
    Set<String> ruleIds() {
      Set<String> ids = new LinkedHashSet<>();
      denials.forEach(message -> ids.add(message.substring(0, message.indexOf(':'))));
      return ids;
    }
  }

  private final Cel cel =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.strings())
          .addFunctionDeclarations(KubernetesQuantityLibrary.declarations())
          .addFunctionBindings(KubernetesQuantityLibrary.bindings())
          .addVar("object", SimpleType.DYN)
          .addVar("variables", SimpleType.DYN)
          .build();

  private final ValidatingAdmissionPolicy policy;

  AdmissionPolicyEvaluator(ValidatingAdmissionPolicy policy) {
    this.policy = policy;
  }

  Verdict evaluate(Map<String, Object> object) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (MatchCondition condition : PodView.present(policy.getSpec().getMatchConditions())) {
      if (!(Boolean) eval(condition.getExpression(), object, variables)) {
        return new Verdict(false, List.of());
      }
    }
    for (Variable variable : policy.getSpec().getVariables()) {
      variables.put(variable.getName(), eval(variable.getExpression(), object, variables));
    }
    List<String> denials = new java.util.ArrayList<>();
    for (Validation validation : policy.getSpec().getValidations()) {
      if (!(Boolean) eval(validation.getExpression(), object, variables)) {
        denials.add((String) eval(validation.getMessageExpression(), object, variables));
      }
    }
    return new Verdict(true, denials);
  }

  /** Compiles without evaluating: type errors and undeclared functions surface here. */
  void compile(String expression) {
    try {
      cel.compile(expression).getAst();
    } catch (Exception e) {
      throw new AssertionError("CEL does not compile: " + expression + "\n" + e.getMessage(), e);
    }
  }

  private Object eval(String expression, Map<String, Object> object, Map<String, Object> variables) {
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
      return cel.createProgram(ast).eval(Map.of("object", object, "variables", variables));
    } catch (CelEvaluationException e) {
      throw new AssertionError("CEL fails on " + object.get("metadata") + ": " + expression + "\n" + e.getMessage(), e);
    } catch (Exception e) {
      throw new AssertionError("CEL does not compile: " + expression + "\n" + e.getMessage(), e);
    }
  }
}
