package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The committed admission policy file, read back as the cluster would read it. */
final class PolicyFile {

  static final Path COMMITTED = Path.of("..").resolve(AdmissionPolicy.COMMITTED_PATH);

  private PolicyFile() {}

  static ValidatingAdmissionPolicy committedPolicy() {
    return documentOfKind("ValidatingAdmissionPolicy", ValidatingAdmissionPolicy.class);
  }

  static ValidatingAdmissionPolicyBinding committedBinding() {
    return documentOfKind("ValidatingAdmissionPolicyBinding", ValidatingAdmissionPolicyBinding.class);
  }

  static List<Map<?, ?>> documents() {
    try {
      List<Map<?, ?>> documents = new ArrayList<>();
      for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(COMMITTED))) {
        documents.add((Map<?, ?>) document);
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T documentOfKind(String kind, Class<T> type) {
    Map<?, ?> document =
        documents().stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + COMMITTED));
    return new KubernetesSerialization().convertValue(document, type);
  }
}
