package dev.stateless.rules;

import java.util.List;

/** The pod rules, in the order their violations are reported. */
final class PodRules {

  static final List<PodRule> ALL =
      List.of(
          new EmptyDirRule(),
          new HostPathRule(),
          new PersistentVolumeRule(),
          new EphemeralVolumeRule(),
          new ReadOnlyRootFilesystemRule(),
          new ReadinessProbeRule());

  private PodRules() {}
}
