package dev.stateless.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateless.api.v1alpha1.Autoscaling;
import dev.stateless.api.v1alpha1.BackendMode;
import dev.stateless.api.v1alpha1.JwtSpec;
import dev.stateless.api.v1alpha1.ObjectStorageSpec;
import dev.stateless.api.v1alpha1.RedisSpec;
import dev.stateless.api.v1alpha1.ScheduledJob;
import dev.stateless.api.v1alpha1.Scratch;
import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.api.v1alpha1.Statelessness;
import dev.stateless.operator.testing.BackendApps;
import dev.stateless.operator.testing.TestApps;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each check names the field it is about; a valid app has no problem. */
class SpecValidatorTest {

  final SpecValidator validator = new SpecValidator();

  List<String> fieldsOf(Consumer<StatelessApp> edit) {
    StatelessApp app = TestApps.app("ns", "shop");
    edit.accept(app);
    return validator.validate(app).stream().map(SpecProblem::field).toList();
  }

  @Test
  void aMinimalAppIsValid() {
    assertThat(fieldsOf(app -> {})).isEmpty();
  }

  @Test
  void eachProblemNamesItsField() {
    assertThat(fieldsOf(app -> app.getSpec().setImage(" "))).containsExactly("spec.image");
    assertThat(fieldsOf(app -> app.getSpec().setPort(70000))).containsExactly("spec.port");
    assertThat(fieldsOf(app -> app.getSpec().setReplicas(-1))).containsExactly("spec.replicas");
    assertThat(fieldsOf(app -> app.getSpec().getEnv().add(new EnvVar(" ", "x", null)))).containsExactly("spec.env[0].name");
    assertThat(fieldsOf(app -> {
      Autoscaling autoscaling = new Autoscaling();
      app.getSpec().setAutoscaling(autoscaling);
    })).containsExactly("spec.autoscaling.maxReplicas");
    assertThat(fieldsOf(app -> {
      RedisSpec redis = new RedisSpec();
      redis.setMode(BackendMode.External);
      app.getSpec().setRedis(redis);
    })).containsExactly("spec.redis.externalSecretRef");
    assertThat(fieldsOf(app -> {
      ObjectStorageSpec storage = new ObjectStorageSpec();
      storage.setMode(BackendMode.External);
      app.getSpec().setObjectStorage(storage);
    })).containsExactly("spec.objectStorage.externalSecretRef", "spec.objectStorage.endpoint");
    assertThat(fieldsOf(app -> {
      JwtSpec jwt = new JwtSpec();
      jwt.setRotationPeriod("a month");
      jwt.setTokenTTL("0s");
      app.getSpec().setJwt(jwt);
    })).containsExactly("spec.jwt.rotationPeriod", "spec.jwt.tokenTTL");
    assertThat(fieldsOf(app -> {
      Statelessness statelessness = new Statelessness();
      statelessness.setScratch(new Scratch("tmp", "lots"));
      app.getSpec().setStatelessness(statelessness);
    })).containsExactly("spec.statelessness.scratch.mountPath", "spec.statelessness.scratch.sizeLimit");
    assertThat(fieldsOf(app -> {
      Statelessness statelessness = new Statelessness();
      statelessness.setScratch(new Scratch("/tmp", "64 Mi")); // fabric8 would take it, the API server does not
      app.getSpec().setStatelessness(statelessness);
    })).containsExactly("spec.statelessness.scratch.sizeLimit");
  }

  @Test
  void envIsPassedThroughUnlessItRedefinesAVariableInjectedIntoThisApp() {
    EnvVar region = new EnvVar("AWS_REGION", "eu-west-1", null);
    assertThat(fieldsOf(app -> app.getSpec().getEnv().add(region)))
        .as("no object storage: the operator injects no AWS_REGION").isEmpty();

    List<SpecProblem> problems = validator.validate(withEnv(region, app -> app.getSpec().setObjectStorage(new ObjectStorageSpec())));
    assertThat(problems).extracting(SpecProblem::field).containsExactly("spec.env[0].name");
    assertThat(problems.get(0).message()).startsWith("AWS_REGION is injected by the operator");

    assertThat(fieldsOf(app -> app.getSpec().getEnv().add(new EnvVar("POD_NAME", "x", null))))
        .as("injected into every app").containsExactly("spec.env[0].name");
  }

  private static StatelessApp withEnv(EnvVar variable, Consumer<StatelessApp> edit) {
    StatelessApp app = TestApps.app("ns", "shop");
    app.getSpec().getEnv().add(variable);
    edit.accept(app);
    return app;
  }

  @Test
  void durationsTheOperatorCannotWorkWithAreProblemsNotFailures() {
    List<SpecProblem> problems = validator.validate(withJwt("500ms", "9999999999999999h"));
    assertThat(problems).extracting(SpecProblem::field).containsExactly("spec.jwt.rotationPeriod", "spec.jwt.tokenTTL");
    assertThat(problems.get(0).message()).contains("'500ms' is shorter than 1s");
    assertThat(problems.get(1).message()).contains("longer than 876000h");

    assertThat(validator.validate(withJwt("99999999999999999999999s", "9223372036854775807us")))
        .extracting(SpecProblem::field).containsExactly("spec.jwt.rotationPeriod", "spec.jwt.tokenTTL");
    assertThat(validator.validate(withJwt("1s", "1ms"))).isEmpty();
  }

  private static StatelessApp withJwt(String rotationPeriod, String tokenTtl) {
    StatelessApp app = TestApps.app("ns", "shop");
    JwtSpec jwt = new JwtSpec();
    jwt.setRotationPeriod(rotationPeriod);
    jwt.setTokenTTL(tokenTtl);
    app.getSpec().setJwt(jwt);
    return app;
  }

  @Test
  void scheduledJobsAreCheckedOneByOne() {
    assertThat(fieldsOf(app -> app.getSpec().setScheduledJobs(List.of(
        new ScheduledJob("cleanup", "0 3 * * *", List.of("true")),
        new ScheduledJob("cleanup", "0 3 * * *", List.of("true")),
        new ScheduledJob("Bad_Name", "0 3 * *", List.of()),
        new ScheduledJob("x".repeat(50), "@daily", List.of("true"))))))
        .containsExactly(
            "spec.scheduledJobs[1].name",
            "spec.scheduledJobs[2].name",
            "scheduled job 'Bad_Name' (spec.scheduledJobs[2]).schedule",
            "scheduled job 'Bad_Name' (spec.scheduledJobs[2]).command",
            "spec.scheduledJobs[3].name");
  }

  @Test
  void atMostFiftyScheduledJobs() {
    List<ScheduledJob> jobs = java.util.stream.IntStream.rangeClosed(1, 51)
        .mapToObj(i -> new ScheduledJob("job-" + i, "@daily", List.of("true"))).toList();
    assertThat(fieldsOf(app -> app.getSpec().setScheduledJobs(jobs))).containsExactly("spec.scheduledJobs");
    assertThat(fieldsOf(app -> app.getSpec().setScheduledJobs(jobs.subList(0, 50)))).isEmpty();
  }

  @Test
  void anExternalSecretMayNotBeOneTheOperatorWrites() {
    assertThat(fieldsOf(app -> {
      app.getSpec().setRedis(BackendApps.externalRedis("shop-redis"));
      app.getSpec().setObjectStorage(BackendApps.externalStorage("https://s3.example.com", "b", "shop-jwt-next", null));
    })).containsExactly("spec.redis.externalSecretRef.name", "spec.objectStorage.externalSecretRef.name");
    assertThat(fieldsOf(app -> {
      app.getSpec().setRedis(BackendApps.externalRedis("shop-redis-external"));
      app.getSpec().setObjectStorage(BackendApps.externalStorage("https://s3.example.com", "b", "shop-s3-keys", null));
    })).isEmpty();
  }

  @Test
  void anExternalEndpointMustBeAUrlTheS3ClientCanUse() {
    for (String endpoint : List.of("https://minio .example.com", "s3.example.com", "ftp://s3.example.com", "https://")) {
      assertThat(fieldsOf(app -> app.getSpec().setObjectStorage(BackendApps.externalStorage(endpoint, "b", "keys", null))))
          .as(endpoint).containsExactly("spec.objectStorage.endpoint");
    }
    assertThat(fieldsOf(app -> app.getSpec().setObjectStorage(BackendApps.externalStorage("http://minio.storage:9000", "b", "keys", null))))
        .isEmpty();
  }

  @Test
  void theAppsNameMustBeAbleToNameItsServices() {
    assertThat(problemsOf(TestApps.app("ns", "2fa-api"))).containsExactly("metadata.name");
    assertThat(problemsOf(TestApps.app("ns", "shop.v2"))).containsExactly("metadata.name");
    assertThat(problemsOf(TestApps.app("ns", "a".repeat(63)))).isEmpty();
    assertThat(problemsOf(TestApps.app("ns", "a".repeat(64)))).containsExactly("metadata.name");
    StatelessApp withRedis = BackendApps.managed("ns", "a".repeat(58));
    assertThat(problemsOf(withRedis)).as("a-...-redis is 64 characters").containsExactly("metadata.name");
  }

  private List<String> problemsOf(StatelessApp app) {
    return validator.validate(app).stream().map(SpecProblem::field).toList();
  }

  @Test
  void aMissingSpecIsOneProblem() {
    assertThat(fieldsOf(app -> app.setSpec(null))).containsExactly("spec");
  }
}
