package dev.stateless.benchmarks.report;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample by the nearest-rank method: the reported value is one that was measured. */
public final class Percentiles {

  private final double[] sorted;

  public Percentiles(Collection<? extends Number> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    this.sorted = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
  }

  /** The smallest measured value that at least {@code percent}% of the sample does not exceed. */
  public double at(double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public int count() {
    return sorted.length;
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
