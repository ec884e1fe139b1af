package dev.stateless.benchmarks.operator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link OperatorProcess} in a fresh JVM (same java, same classpath) and asks it questions.
 * The operator's own log lines go to a file, so the benchmark's output stays readable.
 */
public final class OperatorProcessHandle implements AutoCloseable {

  private static final long ANSWER_TIMEOUT_S = 180;

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int reconcileThreads;

  private OperatorProcessHandle(Process process, Path log) throws IOException {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> sortOutput(log), "operator-process-output");
    reader.setDaemon(true);
    reader.start();
    this.reconcileThreads = Integer.parseInt(expect("ready"));
  }

  /** {@code jvmOptions} for the operator's JVM, for trying other heaps or collectors; usually none. */
  public static OperatorProcessHandle start(String apiServerUrl, List<String> jvmOptions, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OperatorProcess.class.getName());
    command.add(apiServerUrl);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new OperatorProcessHandle(process, log);
  }

  private void sortOutput(Path log) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
             StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(OperatorProcess.ANSWER)) {
          answers.add(line.substring(OperatorProcess.ANSWER.length()));
        } else {
          logFile.write(line);
          logFile.write(System.lineSeparator());
          logFile.flush();
        }
      }
    } catch (IOException e) {
      answers.add("failed " + e.getMessage());
    }
  }

  /** How many apps the operator reconciles at once: the concurrency the floor is given too. */
  public int reconcileThreads() {
    return reconcileThreads;
  }

  /** Waits until {@code reconciles} reconciles have finished and the operator has gone quiet. */
  public int awaitSettled(int reconciles) {
    return Integer.parseInt(ask("await " + reconciles, "settled"));
  }

  public long startupMs() {
    return Long.parseLong(ask("startup", "startup"));
  }

  public long usedHeapBytesAfterFullGc() {
    return Long.parseLong(ask("heap", "heap"));
  }

  private String ask(String command, String answer) {
    commands.println(command);
    return expect(answer);
  }

  private String expect(String answer) {
    try {
      String line = answers.poll(ANSWER_TIMEOUT_S, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("the operator process did not answer '" + answer + "' in time");
      }
      if (!line.startsWith(answer + " ") && !line.equals(answer)) {
        throw new IllegalStateException("the operator process answered '" + line + "', expected '" + answer + "'");
      }
      return line.substring(answer.length()).trim();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      commands.println("stop");
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
