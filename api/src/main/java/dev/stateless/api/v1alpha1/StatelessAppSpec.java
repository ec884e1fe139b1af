package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.List;

/** The desired state of a StatelessApp. Defaults are also applied in Java, for clients and tests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.scheduledJobs) || self.scheduledJobs.all(a, self.scheduledJobs.exists_one(b, b.name == a.name))",
    message = "scheduledJobs[].name must be unique")
public class StatelessAppSpec {

  /** The most scheduled jobs one app may declare. */
  public static final int MAX_SCHEDULED_JOBS = 50;

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_REPLICAS = 2;

  @Required
  @Pattern("^\\S+$")
  @JsonPropertyDescription("Container image of the app, e.g. registry.example.com/shop:1.4.2. Required.")
  private String image;

  @Default("8080")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Container port the app listens on; the Service targets it. Default 8080.")
  private Integer port = DEFAULT_PORT;

  @SpecReplicas
  @Default("2")
  @Min(0)
  @JsonPropertyDescription("Number of replicas. Default 2. Ignored (never written to the Deployment) when autoscaling is set.")
  private Integer replicas = DEFAULT_REPLICAS;

  @JsonPropertyDescription("Extra environment variables (core/v1 EnvVar), passed through to the app's containers.")
  private List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription("CPU and memory requests and limits (core/v1 ResourceRequirements), passed through.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("HTTP paths of the readiness and liveness probes.")
  private Probes probes;

  @JsonPropertyDescription("When present, an autoscaling/v2 HorizontalPodAutoscaler scales the app and spec.replicas is ignored.")
  private Autoscaling autoscaling;

  @JsonPropertyDescription("Redis for sessions, shared caches and the token revocation list. Absent: no Redis.")
  private RedisSpec redis;

  @JsonPropertyDescription("S3-compatible object storage for uploads. Absent: no object storage.")
  private ObjectStorageSpec objectStorage;

  @JsonPropertyDescription("JWT signing keys generated, rotated and published by the operator. Absent: no keys.")
  private JwtSpec jwt;

  // Bounded for the API server's sake as much as ours: it refuses a CRD whose CEL rules could cost
  // too much on the largest object it accepts, and the uniqueness rule above compares every pair.
  @Size(max = StatelessAppSpec.MAX_SCHEDULED_JOBS)
  @JsonPropertyDescription("Scheduled work, run by Kubernetes CronJobs instead of in-process timers; at most 50 jobs.")
  private List<ScheduledJob> scheduledJobs = new ArrayList<>();

  @Pattern("^/.*$")
  @JsonPropertyDescription("When set, binding Secrets are also projected as files under this directory (servicebinding.io workload projection), e.g. /bindings.")
  private String serviceBindingRoot;

  // Defaulted as a whole, so that an app that leaves it out is stored with its effective settings
  // (and the ENFORCEMENT column shows Audit rather than nothing).
  @Default("{}")
  @JsonPropertyDescription("How statelessness is verified and enforced.")
  private Statelessness statelessness;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Probes getProbes() {
    return probes;
  }

  public void setProbes(Probes probes) {
    this.probes = probes;
  }

  public Autoscaling getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(Autoscaling autoscaling) {
    this.autoscaling = autoscaling;
  }

  public RedisSpec getRedis() {
    return redis;
  }

  public void setRedis(RedisSpec redis) {
    this.redis = redis;
  }

  public ObjectStorageSpec getObjectStorage() {
    return objectStorage;
  }

  public void setObjectStorage(ObjectStorageSpec objectStorage) {
    this.objectStorage = objectStorage;
  }

  public JwtSpec getJwt() {
    return jwt;
  }

  public void setJwt(JwtSpec jwt) {
    this.jwt = jwt;
  }

  public List<ScheduledJob> getScheduledJobs() {
    return scheduledJobs;
  }

  public void setScheduledJobs(List<ScheduledJob> scheduledJobs) {
    this.scheduledJobs = scheduledJobs;
  }

  public String getServiceBindingRoot() {
    return serviceBindingRoot;
  }

  public void setServiceBindingRoot(String serviceBindingRoot) {
    this.serviceBindingRoot = serviceBindingRoot;
  }

  public Statelessness getStatelessness() {
    return statelessness;
  }

  public void setStatelessness(Statelessness statelessness) {
    this.statelessness = statelessness;
  }
}
