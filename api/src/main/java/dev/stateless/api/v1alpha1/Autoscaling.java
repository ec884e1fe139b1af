package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/** Settings of the autoscaling/v2 HorizontalPodAutoscaler the operator creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minReplicas) || self.maxReplicas >= self.minReplicas",
    message = "autoscaling.maxReplicas must be >= autoscaling.minReplicas")
public class Autoscaling {

  public static final int DEFAULT_MIN_REPLICAS = 2;
  public static final int DEFAULT_TARGET_CPU = 70;

  @Default("2")
  @Min(1)
  @JsonPropertyDescription("Lowest replica count the autoscaler may choose. Default 2.")
  private Integer minReplicas = DEFAULT_MIN_REPLICAS;

  @Required
  @Min(1)
  @JsonPropertyDescription("Highest replica count the autoscaler may choose. Required; must be >= minReplicas.")
  private Integer maxReplicas;

  @Default("70")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Target average CPU utilization, in percent of the CPU request. Default 70.")
  private Integer targetCPUUtilizationPercentage = DEFAULT_TARGET_CPU;

  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Target average memory utilization, in percent of the memory request. Optional.")
  private Integer targetMemoryUtilizationPercentage;

  @JsonPropertyDescription("autoscaling/v2 HorizontalPodAutoscalerBehavior, passed through unchanged.")
  private HorizontalPodAutoscalerBehavior behavior;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCPUUtilizationPercentage() {
    return targetCPUUtilizationPercentage;
  }

  public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
    this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
  }

  public Integer getTargetMemoryUtilizationPercentage() {
    return targetMemoryUtilizationPercentage;
  }

  public void setTargetMemoryUtilizationPercentage(Integer targetMemoryUtilizationPercentage) {
    this.targetMemoryUtilizationPercentage = targetMemoryUtilizationPercentage;
  }

  public HorizontalPodAutoscalerBehavior getBehavior() {
    return behavior;
  }

  public void setBehavior(HorizontalPodAutoscalerBehavior behavior) {
    this.behavior = behavior;
  }
}
