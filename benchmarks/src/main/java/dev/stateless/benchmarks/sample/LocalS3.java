package dev.stateless.benchmarks.sample;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** An S3-compatible server (S3Mock) in this JVM, over plain HTTP, with the app's bucket created. */
public final class LocalS3 implements AutoCloseable {

  public static final String BUCKET = "shop-uploads";

  private final S3MockApplication server;

  private LocalS3(S3MockApplication server) {
    this.server = server;
  }

  /**
   * S3Mock is a Spring Boot application on Tomcat. Left alone, Spring Boot takes over logging for
   * the whole JVM, and Tomcat tells its start-up story through java.util.logging: the benchmark's
   * output would drown. Held here so the level is not garbage collected.
   */
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  public static LocalS3 start() {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    TOMCAT_LOG.setLevel(Level.WARNING);
    try {
      Map<String, Object> properties = new HashMap<>();
      properties.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
      properties.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
      properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
      properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, ScratchDirs.create("s3-").toString());
      properties.put(S3MockApplication.PROP_SECURE_CONNECTION, false);
      properties.put(S3MockApplication.PROP_SILENT, true);
      properties.put("spring.main.log-startup-info", false);
      return new LocalS3(S3MockApplication.start(properties));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getHttpPort();
  }

  @Override
  public void close() {
    server.stop();
  }
}
