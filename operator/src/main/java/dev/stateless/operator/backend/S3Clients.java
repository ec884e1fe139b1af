package dev.stateless.operator.backend;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 clients for one connection, with short timeouts and no retries: a check must fail fast and
 * the monitor decides when to look again.
 */
public final class S3Clients {

  private final Duration attemptTimeout;
  private final Duration callTimeout;

  /**
   * @param attemptTimeout for connecting, and for each request to answer
   * @param callTimeout for a whole call
   */
  public S3Clients(Duration attemptTimeout, Duration callTimeout) {
    this.attemptTimeout = attemptTimeout;
    this.callTimeout = callTimeout;
  }

  public S3Client create(ObjectStorageConnection storage) {
    return S3Client.builder()
        .endpointOverride(URI.create(storage.endpoint()))
        .region(Region.of(storage.region()))
        .forcePathStyle(storage.forcePathStyle())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(storage.accessKeyId(), storage.secretAccessKey())))
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(attemptTimeout)
            .socketTimeout(attemptTimeout))
        .overrideConfiguration(config -> config
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(attemptTimeout)
            .apiCallTimeout(callTimeout))
        // S3-compatible servers do not all know the newer default checksums; send them only where
        // the API requires one.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
