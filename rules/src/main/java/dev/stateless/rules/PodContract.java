package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a pod must carry in its own metadata so the admission policy, which sees only the pod, applies
 * the app's settings. The operator writes these on its pod template; the policy and
 * {@link #settingsOf(ObjectMeta)} read them back, so both sides use the constants here.
 */
public final class PodContract {

  /** Label selecting the pods the admission policy enforces. */
  public static final String ENFORCEMENT_LABEL = "stateless.dev/enforcement";

  /** The value of {@link #ENFORCEMENT_LABEL} that turns enforcement on. */
  public static final String ENFORCE = "Enforce";

  /**
   * Annotation {@code "true"} or {@code "false"}: whether containers must have a read-only root
   * filesystem. Absent means {@code "true"}, the API default, so a pod that forgets it is held to the
   * stricter rule.
   */
  public static final String READ_ONLY_ROOT_FILESYSTEM_ANNOTATION = "stateless.dev/read-only-root-filesystem";

  /**
   * Annotation holding the declared scratch size limit (e.g. {@code 64Mi}). Present only when the app
   * declares a scratch; without it no emptyDir is allowed.
   */
  public static final String SCRATCH_SIZE_LIMIT_ANNOTATION = "stateless.dev/scratch-size-limit";

  /** Annotation holding the declared scratch mount path, for people and for the engine's settings. */
  public static final String SCRATCH_MOUNT_PATH_ANNOTATION = "stateless.dev/scratch-mount-path";

  /** The name of the one emptyDir allowed: the operator names the declared scratch volume this. */
  public static final String SCRATCH_VOLUME_NAME = "scratch";

  /** The medium the scratch volume must use. */
  public static final String SCRATCH_MEDIUM = "Memory";

  /** Per-object opt-out: {@code stateless.dev/ignore: <rule-id>[,<rule-id>]}. */
  public static final String IGNORE_ANNOTATION = "stateless.dev/ignore";

  private PodContract() {}

  /** The annotations the operator puts on its pod template for these settings. */
  public static Map<String, String> annotationsFor(RuleSettings settings) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(READ_ONLY_ROOT_FILESYSTEM_ANNOTATION, Boolean.toString(settings.requireReadOnlyRootFilesystem()));
    settings
        .scratch()
        .ifPresent(
            scratch -> {
              annotations.put(SCRATCH_SIZE_LIMIT_ANNOTATION, scratch.sizeLimit().toString());
              if (scratch.mountPath() != null) {
                annotations.put(SCRATCH_MOUNT_PATH_ANNOTATION, scratch.mountPath());
              }
            });
    return annotations;
  }

  /**
   * The settings a pod declares through its annotations, as the admission policy reads them: used by
   * {@code audit} for plain manifests and to check the policy against the engine. Missing or
   * malformed values fall back to the strict defaults.
   */
  public static RuleSettings settingsOf(ObjectMeta metadata) {
    Map<String, String> annotations = metadata == null || metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    boolean requireReadOnly = !"false".equals(annotations.get(READ_ONLY_ROOT_FILESYSTEM_ANNOTATION));
    Optional<RuleSettings.ScratchAllowance> scratch = Optional.empty();
    String sizeLimit = annotations.get(SCRATCH_SIZE_LIMIT_ANNOTATION);
    if (sizeLimit != null && Quantities.isValid(sizeLimit)) {
      scratch =
          Optional.of(
              new RuleSettings.ScratchAllowance(
                  annotations.get(SCRATCH_MOUNT_PATH_ANNOTATION), new Quantity(sizeLimit)));
    }
    return new RuleSettings(requireReadOnly, scratch);
  }
}
