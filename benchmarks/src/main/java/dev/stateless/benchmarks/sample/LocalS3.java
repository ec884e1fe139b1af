package dev.stateless.benchmarks.sample;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** An S3-compatible server (S3Mock) in this JVM, over plain HTTP, with the app's bucket created. */
public final class LocalS3 implements AutoCloseable {

  public static final String BUCKET = "shop-uploads";

  private final S3MockApplication server;

  private LocalS3(S3MockApplication server) {
    this.server = server;
  }

  public static LocalS3 start() {
    // S3Mock is a Spring Boot application; left alone, Spring Boot takes over logging for the whole
    // JVM and prints its start-up story into the benchmark's output.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    try {
      Map<String, Object> properties = new HashMap<>();
      properties.put(S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT);
      properties.put(S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT);
      properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
      properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, Files.createTempDirectory("bench-s3").toString());
      properties.put(S3MockApplication.PROP_SECURE_CONNECTION, false);
      properties.put(S3MockApplication.PROP_SILENT, true);
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
