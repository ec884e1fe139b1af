package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every volume type the Kubernetes API knows, by its field name in {@code Volume}, with the rule that
 * forbids it ({@code null} for the allowed configuration volumes). The Java checks and the admission
 * policy's CEL both derive from this table, so a volume type is classified in exactly one place; a
 * field name not in the table is an unknown (newer) volume type and is never allowed.
 */
enum VolumeSource {
  CONFIG_MAP("configMap", Volume::getConfigMap, null),
  SECRET("secret", Volume::getSecret, null),
  PROJECTED("projected", Volume::getProjected, null),
  DOWNWARD_API("downwardAPI", Volume::getDownwardAPI, null),

  EMPTY_DIR("emptyDir", Volume::getEmptyDir, Rule.NO_EMPTYDIR),
  // gitRepo is an emptyDir the kubelet clones a repository into: node-local, writable, per pod.
  GIT_REPO("gitRepo", Volume::getGitRepo, Rule.NO_EMPTYDIR),

  HOST_PATH("hostPath", Volume::getHostPath, Rule.NO_HOSTPATH),

  PERSISTENT_VOLUME_CLAIM("persistentVolumeClaim", Volume::getPersistentVolumeClaim, Rule.NO_PVC),
  // In-tree network and cloud disks are persistent storage mounted without a claim: the same
  // problem as a claim, so the same rule.
  AWS_ELASTIC_BLOCK_STORE("awsElasticBlockStore", Volume::getAwsElasticBlockStore, Rule.NO_PVC),
  AZURE_DISK("azureDisk", Volume::getAzureDisk, Rule.NO_PVC),
  AZURE_FILE("azureFile", Volume::getAzureFile, Rule.NO_PVC),
  CEPHFS("cephfs", Volume::getCephfs, Rule.NO_PVC),
  CINDER("cinder", Volume::getCinder, Rule.NO_PVC),
  FC("fc", Volume::getFc, Rule.NO_PVC),
  FLEX_VOLUME("flexVolume", Volume::getFlexVolume, Rule.NO_PVC),
  FLOCKER("flocker", Volume::getFlocker, Rule.NO_PVC),
  GCE_PERSISTENT_DISK("gcePersistentDisk", Volume::getGcePersistentDisk, Rule.NO_PVC),
  GLUSTERFS("glusterfs", Volume::getGlusterfs, Rule.NO_PVC),
  ISCSI("iscsi", Volume::getIscsi, Rule.NO_PVC),
  NFS("nfs", Volume::getNfs, Rule.NO_PVC),
  PHOTON_PERSISTENT_DISK("photonPersistentDisk", Volume::getPhotonPersistentDisk, Rule.NO_PVC),
  PORTWORX_VOLUME("portworxVolume", Volume::getPortworxVolume, Rule.NO_PVC),
  QUOBYTE("quobyte", Volume::getQuobyte, Rule.NO_PVC),
  RBD("rbd", Volume::getRbd, Rule.NO_PVC),
  SCALE_IO("scaleIO", Volume::getScaleIO, Rule.NO_PVC),
  STORAGEOS("storageos", Volume::getStorageos, Rule.NO_PVC),
  VSPHERE_VOLUME("vsphereVolume", Volume::getVsphereVolume, Rule.NO_PVC),

  EPHEMERAL("ephemeral", Volume::getEphemeral, Rule.NO_EPHEMERAL_VOLUME),
  CSI("csi", Volume::getCsi, Rule.NO_EPHEMERAL_VOLUME),
  // An OCI image mounted as a volume: not on the allowlist of API.md, so reported with the other
  // volume types that are not configuration.
  IMAGE("image", Volume::getImage, Rule.NO_EPHEMERAL_VOLUME);

  /**
   * The rule for a volume type this table does not know. Kubernetes adds storage mostly as per-pod
   * volumes provisioned with the pod (CSI drivers, generic ephemeral volumes), and whatever it is, it
   * is not one of the configuration types; {@code no-ephemeral-volume} is the closest rule and its
   * help text names the allowlist.
   */
  static final Rule UNKNOWN_TYPE_RULE = Rule.NO_EPHEMERAL_VOLUME;

  private final String field;
  private final Function<Volume, Object> getter;
  private final Rule rule;

  VolumeSource(String field, Function<Volume, Object> getter, Rule rule) {
    this.field = field;
    this.getter = getter;
    this.rule = rule;
  }

  /** The field name in {@code Volume}, e.g. {@code persistentVolumeClaim}. */
  String field() {
    return field;
  }

  /** The rule forbidding this type, or empty for an allowed configuration volume. */
  Optional<Rule> rule() {
    return Optional.ofNullable(rule);
  }

  static Optional<VolumeSource> byField(String field) {
    return Arrays.stream(values()).filter(source -> source.field.equals(field)).findFirst();
  }

  static List<String> fieldsForbiddenBy(Rule rule) {
    return Arrays.stream(values()).filter(source -> source.rule == rule).map(VolumeSource::field).toList();
  }

  static List<String> allFields() {
    return Arrays.stream(values()).map(VolumeSource::field).toList();
  }

  /**
   * The type fields a volume sets: the known ones the model parsed, then any the model did not know
   * (they land in its additional properties). Empty for a volume with no source, which Kubernetes
   * defaults to an emptyDir.
   */
  static Set<String> fieldsSetOn(Volume volume) {
    Set<String> fields = new LinkedHashSet<>();
    for (VolumeSource source : values()) {
      if (source.getter.apply(volume) != null) {
        fields.add(source.field);
      }
    }
    Map<String, Object> unknown = volume.getAdditionalProperties();
    if (unknown != null) {
      unknown.forEach(
          (field, value) -> {
            if (value != null) {
              fields.add(field);
            }
          });
    }
    return fields;
  }
}
