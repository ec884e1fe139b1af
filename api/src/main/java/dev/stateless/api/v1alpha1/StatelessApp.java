package dev.stateless.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A stateless web service: the operator runs it, gives it shared backends for its state, and
 * verifies that its pods keep no local state.
 */
@Group(StatelessApp.GROUP)
@Version(StatelessApp.VERSION)
@Plural("statelessapps")
@ShortNames("sapp")
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Enforcement", jsonPath = ".spec.statelessness.enforcement", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Stateless", jsonPath = ".status.conditions[?(@.type==\"Stateless\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Violations", jsonPath = ".status.violationCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class StatelessApp extends CustomResource<StatelessAppSpec, StatelessAppStatus> implements Namespaced {

  public static final String GROUP = "stateless.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected StatelessAppStatus initStatus() {
    return new StatelessAppStatus();
  }
}
