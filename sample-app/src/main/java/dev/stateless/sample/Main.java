package dev.stateless.sample;

/**
 * Entry point: reads the environment, starts serving, and stops cleanly on SIGTERM. A missing or
 * unusable variable ends start-up with one line naming it and exit status 2.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    Config config;
    SampleApp app;
    try {
      config = Config.fromEnvironment(System.getenv());
      app = SampleApp.start(config);
    } catch (Config.InvalidConfigException e) {
      System.err.println("stateless-sample-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> app.drainAndClose(config.shutdownDrain()), "shutdown"));
  }
}
