package dev.stateless.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app as its own OS process ({@code java -cp <this JVM's class path> dev.stateless.sample.Main}),
 * so that replicas share nothing but Redis, S3 and the JWKS file, exactly as pods would. Output goes
 * to {@code target/e2e/<name>.log}.
 */
final class AppProcess implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private AppProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  static AppProcess start(String name, Map<String, String> env) {
    int port = Backends.freePort();
    Path logDir = Path.of("target", "e2e");
    Path log = logDir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        // No writable temp dir, as on a read-only root filesystem: anything writing there would fail.
        "-Djava.io.tmpdir=/nonexistent/sample-app-tmp",
        "-cp", System.getProperty("java.class.path"),
        "dev.stateless.sample.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("JWT_")
        || key.startsWith("REDIS_") || key.startsWith("S3_"));
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("POD_NAME", name);
    try {
      Files.createDirectories(logDir);
      builder.redirectOutput(log.toFile());
      return new AppProcess(name, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL: no shutdown hook, no goodbye, like a node that loses power. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
