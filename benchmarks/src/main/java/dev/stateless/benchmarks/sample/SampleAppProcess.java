package dev.stateless.benchmarks.sample;

import dev.stateless.benchmarks.BenchmarkSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sample app as it is deployed: its shaded jar in a JVM of its own, configured only through the
 * environment the operator injects, with the JVM options of its container image.
 */
public final class SampleAppProcess implements AutoCloseable {

  /** As in sample-app/Dockerfile, with a fixed heap instead of a share of a container limit. */
  static final List<String> JVM_OPTIONS = List.of("-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Xmx512m");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI base;

  private SampleAppProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  public static SampleAppProcess start(Path jar, Map<String, String> environment, Path log) throws IOException, InterruptedException {
    int port = LocalRedis.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    // More options for the app's JVM (a profiler, another collector), as OPERATOR_JAVA_OPTS does for the operator.
    command.addAll(BenchmarkSettings.jvmOptions("SAMPLE_APP_JAVA_OPTS"));
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("JWT_")
        || key.startsWith("REDIS_") || key.startsWith("S3_"));
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    SampleAppProcess app = new SampleAppProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
    app.awaitReady(log);
    return app;
  }

  public URI base() {
    return base;
  }

  /** CPU time the app's process has used so far, all threads together. */
  public Duration cpuTime() {
    return cpuTime(process.toHandle());
  }

  /** CPU time {@code process} has used so far, all threads together. */
  static Duration cpuTime(ProcessHandle process) {
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("this OS does not report process CPU time"));
  }

  private void awaitReady(Path log) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the sample app exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/healthz/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the sample app was not ready within " + START_TIMEOUT + "; see " + log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
