package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.rules.PodContract;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The updates of a StatelessApp worth a reconcile: a new generation (its spec changed), or a change
 * of its {@code stateless.dev/ignore} annotation, which decides what is reported (the replica floor
 * rule, for one) but is metadata, so it leaves the generation alone. Status writes, the operator's
 * own included, are not. JOSDK's generation-aware filtering alone would drop the annotation change
 * until the next event of any other kind.
 */
public class SpecOrIgnoredRulesChanged implements OnUpdateFilter<StatelessApp> {

  @Override
  public boolean accept(StatelessApp updated, StatelessApp previous) {
    Long before = previous.getMetadata().getGeneration();
    Long after = updated.getMetadata().getGeneration();
    if (before == null || after == null || after > before) {
      return true;
    }
    if (updated.isMarkedForDeletion() && !previous.isMarkedForDeletion()) {
      return true;
    }
    return !Objects.equals(ignoredRules(previous), ignoredRules(updated));
  }

  private static String ignoredRules(StatelessApp app) {
    return Optional.ofNullable(app.getMetadata().getAnnotations()).orElse(Map.of()).get(PodContract.IGNORE_ANNOTATION);
  }
}
