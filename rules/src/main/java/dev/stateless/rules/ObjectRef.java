package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/** The Kubernetes object a violation was found on. Namespace and name may be absent in manifests. */
public record ObjectRef(String kind, String namespace, String name) {

  public static ObjectRef of(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    return new ObjectRef(
        object.getKind(),
        metadata == null ? null : metadata.getNamespace(),
        metadata == null ? null : metadata.getName());
  }

  /** {@code Kind/name}, or {@code Kind/namespace/name} when the namespace is known. */
  @Override
  public String toString() {
    String shownName = name == null ? "<unnamed>" : name;
    return (kind == null ? "<unknown kind>" : kind)
        + "/"
        + (namespace == null ? shownName : namespace + "/" + shownName);
  }
}
