package dev.stateless.operator.reconciler;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.BackendMode;
import dev.stateless.api.v1alpha1.Durations;
import dev.stateless.api.v1alpha1.JwtSpec;
import dev.stateless.api.v1alpha1.ObjectStorageSpec;
import dev.stateless.api.v1alpha1.RedisSpec;
import dev.stateless.api.v1alpha1.ScheduledJob;
import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.StatelessAppSpec;
import dev.stateless.operator.backend.BackendNames;
import dev.stateless.operator.backend.ObjectStorageSettings;
import dev.stateless.operator.backend.RedisSettings;
import dev.stateless.operator.desired.AppSettings;
import dev.stateless.operator.desired.InjectedConfiguration;
import dev.stateless.operator.jwt.SigningKeys;
import dev.stateless.rules.Quantities;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks the CRD schema makes at apply time, made again by the operator: objects can reach it
 * without them (an API server that skips CEL, a client writing status-less objects, a test server).
 * A problem names the field and what to do, and stops the app's reconcile before anything is written.
 */
public final class SpecValidator {

  /** Validates an app's spec; the app's name matters for the names of its children. */
  public List<SpecProblem> validate(StatelessApp app) {
    String appName = app.getMetadata() == null ? null : app.getMetadata().getName();
    List<SpecProblem> problems = validate(appName, app.getSpec(), () -> injectedVariables(app));
    if (app.getSpec() != null && appName != null) {
      checkName(app, problems);
      checkExternalSecretNames(app, problems);
    }
    return problems;
  }

  /** Kubernetes' limit on a Service name, and on a label value such as app.kubernetes.io/name. */
  static final int MAX_SERVICE_NAME = 63;
  /** What a Service name may be (RFC 1035 label): stricter than the app's own name, which may start with a digit or hold dots. */
  private static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  /**
   * The app's name names its Service, and its managed backends' Services with a suffix: a name the
   * API server takes for the app but refuses for a Service is reported here, naming the rule.
   */
  private static void checkName(StatelessApp app, List<SpecProblem> problems) {
    String appName = app.getMetadata().getName();
    if (!SERVICE_NAME.matcher(appName).matches()) {
      problems.add(new SpecProblem("metadata.name", "'" + appName + "' cannot name the app's Service: use lowercase"
          + " letters, digits and '-', starting with a letter (rename the StatelessApp)"));
      return;
    }
    AppSettings settings = new AppSettings(app);
    String longest = Stream.of(
            Optional.of(appName),
            RedisSettings.of(settings).filter(RedisSettings::managed).map(redis -> BackendNames.redis(app)),
            ObjectStorageSettings.of(settings).filter(ObjectStorageSettings::managed).map(storage -> BackendNames.objectStorage(app)))
        .flatMap(Optional::stream)
        .max(Comparator.comparingInt(String::length))
        .orElseThrow();
    if (longest.length() > MAX_SERVICE_NAME) {
      problems.add(new SpecProblem("metadata.name", "'" + appName + "' is too long: the Service " + longest
          + " would pass Kubernetes' limit of " + MAX_SERVICE_NAME + " characters (at most "
          + (MAX_SERVICE_NAME - (longest.length() - appName.length())) + " for this app's name)"));
    }
  }

  /**
   * A user's Secret named like one the operator writes for this app would have two writers: the
   * operator's create would fail on every reconcile, and the app would read keys the user's Secret
   * does not have.
   */
  private static void checkExternalSecretNames(StatelessApp app, List<SpecProblem> problems) {
    Set<String> operatorSecrets = Set.of(BackendNames.redis(app), BackendNames.redisCredentials(app),
        BackendNames.objectStorage(app), BackendNames.objectStorageCredentials(app),
        SigningKeys.secretName(app), SigningKeys.upcomingSecretName(app));
    StatelessAppSpec spec = app.getSpec();
    checkNotOperatorSecret("spec.redis.externalSecretRef.name",
        spec.getRedis() == null ? null : spec.getRedis().getExternalSecretRef(), operatorSecrets, problems);
    checkNotOperatorSecret("spec.objectStorage.externalSecretRef.name",
        spec.getObjectStorage() == null ? null : spec.getObjectStorage().getExternalSecretRef(), operatorSecrets, problems);
  }

  private static void checkNotOperatorSecret(String field, dev.stateless.api.v1alpha1.SecretRef ref, Set<String> operatorSecrets,
      List<SpecProblem> problems) {
    if (ref != null && operatorSecrets.contains(ref.getName())) {
      problems.add(new SpecProblem(field, "'" + ref.getName() + "' is the name of a Secret the operator writes for this app;"
          + " rename your Secret (e.g. " + ref.getName() + "-external) and point this at it"));
    }
  }

  private List<SpecProblem> validate(String appName, StatelessAppSpec spec, Supplier<Set<String>> injected) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "is missing; set at least spec.image"));
      return problems;
    }
    if (spec.getImage() == null || spec.getImage().isBlank()) {
      problems.add(new SpecProblem("spec.image", "is required: set the app's container image"));
    }
    if (spec.getPort() != null && (spec.getPort() < 1 || spec.getPort() > 65535)) {
      problems.add(new SpecProblem("spec.port", "must be between 1 and 65535, was " + spec.getPort()));
    }
    if (spec.getReplicas() != null && spec.getReplicas() < 0) {
      problems.add(new SpecProblem("spec.replicas", "must not be negative, was " + spec.getReplicas()));
    }
    checkEnv(spec.getEnv(), injected, problems);
    checkAutoscaling(spec.getAutoscaling(), problems);
    checkRedis(spec.getRedis(), problems);
    checkObjectStorage(spec.getObjectStorage(), problems);
    checkJwt(spec.getJwt(), problems);
    checkScheduledJobs(appName, spec.getScheduledJobs(), problems);
    if (spec.getStatelessness() != null) {
      checkScratch(spec.getStatelessness().getScratch(), problems);
    }
    return problems;
  }

  /**
   * spec.env is passed through, except where it would redefine a variable the operator injects into
   * this app (POD_NAME always, the rest with its backends and keys): two values for one name, and the
   * app would silently get one of them.
   */
  private static void checkEnv(List<EnvVar> env, Supplier<Set<String>> injected, List<SpecProblem> problems) {
    if (env == null || env.isEmpty()) {
      return;
    }
    Set<String> taken = injected.get();
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i) == null ? null : env.get(i).getName();
      if (name == null || name.isBlank()) {
        problems.add(new SpecProblem("spec.env[" + i + "].name", "is required"));
      } else if (taken.contains(name)) {
        problems.add(new SpecProblem("spec.env[" + i + "].name",
            name + " is injected by the operator into this app; remove it from spec.env"));
      }
    }
  }

  /** The variables the operator injects into this app, from the same code that builds its pods. */
  private static Set<String> injectedVariables(StatelessApp app) {
    if (app.getMetadata() == null) {
      return Set.of(InjectedConfiguration.POD_NAME);
    }
    return InjectedConfiguration.of(new AppSettings(app)).env().stream().map(EnvVar::getName).collect(Collectors.toSet());
  }

  private static void checkAutoscaling(Autoscaling autoscaling, List<SpecProblem> problems) {
    if (autoscaling == null) {
      return;
    }
    int min = autoscaling.getMinReplicas() == null ? Autoscaling.DEFAULT_MIN_REPLICAS : autoscaling.getMinReplicas();
    if (min < 1) {
      problems.add(new SpecProblem("spec.autoscaling.minReplicas", "must be at least 1, was " + min));
    }
    if (autoscaling.getMaxReplicas() == null) {
      problems.add(new SpecProblem("spec.autoscaling.maxReplicas", "is required when autoscaling is set"));
    } else if (autoscaling.getMaxReplicas() < min) {
      problems.add(new SpecProblem("spec.autoscaling.maxReplicas",
          "must be >= minReplicas (" + min + "), was " + autoscaling.getMaxReplicas()));
    }
    checkPercentage("spec.autoscaling.targetCPUUtilizationPercentage", autoscaling.getTargetCPUUtilizationPercentage(), problems);
    checkPercentage("spec.autoscaling.targetMemoryUtilizationPercentage", autoscaling.getTargetMemoryUtilizationPercentage(), problems);
  }

  private static void checkPercentage(String field, Integer value, List<SpecProblem> problems) {
    if (value != null && value < 1) {
      problems.add(new SpecProblem(field, "must be at least 1, was " + value));
    }
  }

  private static void checkRedis(RedisSpec redis, List<SpecProblem> problems) {
    if (redis != null && redis.getMode() == BackendMode.External && missingName(redis.getExternalSecretRef())) {
      problems.add(new SpecProblem("spec.redis.externalSecretRef",
          "is required when redis.mode is External: name a Secret with key `url`"));
    }
  }

  private static void checkObjectStorage(ObjectStorageSpec storage, List<SpecProblem> problems) {
    if (storage == null) {
      return;
    }
    if (storage.getMode() == BackendMode.External) {
      if (missingName(storage.getExternalSecretRef())) {
        problems.add(new SpecProblem("spec.objectStorage.externalSecretRef",
            "is required when objectStorage.mode is External: name a Secret with keys `accessKeyId` and `secretAccessKey`"));
      }
      if (storage.getEndpoint() == null || storage.getEndpoint().isBlank()) {
        problems.add(new SpecProblem("spec.objectStorage.endpoint",
            "is required when objectStorage.mode is External, e.g. https://s3.eu-west-1.amazonaws.com"));
      } else if (!isHttpUrl(storage.getEndpoint())) {
        problems.add(new SpecProblem("spec.objectStorage.endpoint",
            "must be an http or https URL with a host, e.g. https://s3.eu-west-1.amazonaws.com, was " + storage.getEndpoint()));
      }
    }
    if (storage.getStorageSize() != null) {
      checkQuantity("spec.objectStorage.storageSize", storage.getStorageSize(), problems);
    }
  }

  private static void checkJwt(JwtSpec jwt, List<SpecProblem> problems) {
    if (jwt == null) {
      return;
    }
    duration("spec.jwt.rotationPeriod", jwt.getRotationPeriod(), problems)
        .filter(period -> period.compareTo(JwtSpec.SHORTEST_ROTATION_PERIOD) < 0)
        .ifPresent(period -> problems.add(new SpecProblem("spec.jwt.rotationPeriod",
            "'" + jwt.getRotationPeriod() + "' is shorter than " + JwtSpec.SHORTEST_ROTATION_PERIOD.toSeconds() + "s")));
    duration("spec.jwt.tokenTTL", jwt.getTokenTTL(), problems)
        .filter(Duration::isZero)
        .ifPresent(zero -> problems.add(new SpecProblem("spec.jwt.tokenTTL", "must be longer than zero")));
  }

  /** Longest CronJob name: the controller appends an 11-character suffix to name its Jobs. */
  static final int MAX_CRONJOB_NAME = 52;
  private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private static void checkScheduledJobs(String appName, List<ScheduledJob> jobs, List<SpecProblem> problems) {
    if (jobs == null) {
      return;
    }
    if (jobs.size() > StatelessAppSpec.MAX_SCHEDULED_JOBS) {
      problems.add(new SpecProblem("spec.scheduledJobs", "has " + jobs.size() + " jobs; at most "
          + StatelessAppSpec.MAX_SCHEDULED_JOBS + " are allowed"));
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < jobs.size(); i++) {
      ScheduledJob job = jobs.get(i);
      String at = "spec.scheduledJobs[" + i + "]";
      if (job == null) {
        problems.add(new SpecProblem(at, "is empty"));
        continue;
      }
      String name = job.getName();
      String label = name == null ? at : "scheduled job '" + name + "' (" + at + ")";
      if (name == null || !DNS_LABEL.matcher(name).matches()) {
        problems.add(new SpecProblem(at + ".name", "must be lowercase letters, digits and '-', e.g. nightly-cleanup"));
      } else if (!names.add(name)) {
        problems.add(new SpecProblem(at + ".name", "'" + name + "' is used by another scheduled job"));
      } else if (appName != null && (appName + "-" + name).length() > MAX_CRONJOB_NAME) {
        problems.add(new SpecProblem(at + ".name", "the CronJob name " + appName + "-" + name + " is longer than "
            + MAX_CRONJOB_NAME + " characters; shorten the job name"));
      }
      CronSchedule.problem(job.getSchedule())
          .ifPresent(problem -> problems.add(new SpecProblem(label + ".schedule", problem)));
      if (job.getCommand() == null || job.getCommand().isEmpty()) {
        problems.add(new SpecProblem(label + ".command", "is required, e.g. [\"java\", \"-cp\", \"/app/app.jar\", \"shop.Cleanup\"]"));
      }
    }
  }

  /** The duration {@code value} stands for; empty when unset, or malformed (then a problem is added). */
  private static Optional<Duration> duration(String field, String value, List<SpecProblem> problems) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parse(value));
    } catch (IllegalArgumentException e) {
      problems.add(new SpecProblem(field, e.getMessage()));
      return Optional.empty();
    }
  }

  private static void checkScratch(Scratch scratch, List<SpecProblem> problems) {
    if (scratch == null) {
      return;
    }
    if (scratch.getMountPath() == null || !scratch.getMountPath().startsWith("/")) {
      problems.add(new SpecProblem("spec.statelessness.scratch.mountPath", "must be an absolute path such as /tmp"));
    }
    if (scratch.getSizeLimit() == null) {
      problems.add(new SpecProblem("spec.statelessness.scratch.sizeLimit", "is required, e.g. 64Mi"));
    } else {
      checkQuantity("spec.statelessness.scratch.sizeLimit", scratch.getSizeLimit(), problems);
    }
  }

  /** As the API server parses quantities: fabric8's parser alone also takes "64 Mi". */
  private static void checkQuantity(String field, String value, List<SpecProblem> problems) {
    if (Quantities.parse(value).isEmpty()) {
      problems.add(new SpecProblem(field, "'" + value + "' is not a quantity such as 64Mi or 10Gi"));
    }
  }

  private static boolean isHttpUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean missingName(dev.stateless.api.v1alpha1.SecretRef ref) {
    return ref == null || ref.getName() == null || ref.getName().isBlank();
  }
}
