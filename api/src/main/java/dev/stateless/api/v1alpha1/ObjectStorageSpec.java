package dev.stateless.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** S3-compatible object storage for uploads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.mode) || self.mode != 'External' || has(self.externalSecretRef)",
    message = "objectStorage.externalSecretRef is required when objectStorage.mode is External")
@ValidationRule(
    value = "!has(self.mode) || self.mode != 'External' || has(self.endpoint)",
    message = "objectStorage.endpoint is required when objectStorage.mode is External")
public class ObjectStorageSpec {

  public static final String DEFAULT_IMAGE = "quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z";
  public static final String DEFAULT_STORAGE_SIZE = "10Gi";
  public static final String DEFAULT_REGION = "us-east-1";

  @Default("Managed")
  @JsonPropertyDescription("Managed: the operator runs an S3-compatible server. External: the app uses the endpoint given here. Default Managed.")
  private BackendMode mode = BackendMode.Managed;

  @Default(DEFAULT_IMAGE)
  @JsonPropertyDescription("Image of the S3-compatible server (Managed only). Default MinIO.")
  private String image = DEFAULT_IMAGE;

  @Default(DEFAULT_STORAGE_SIZE)
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$")
  @JsonPropertyDescription("Size of the managed server's own PersistentVolumeClaim (Managed only). Default 10Gi.")
  private String storageSize = DEFAULT_STORAGE_SIZE;

  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  @JsonPropertyDescription("Bucket name. Default <namespace>-<name>.")
  private String bucket;

  @Pattern("^https?://.+$")
  @JsonPropertyDescription("External only: the S3 endpoint URL, e.g. https://s3.eu-west-1.amazonaws.com.")
  private String endpoint;

  @Default(DEFAULT_REGION)
  @JsonPropertyDescription("Region. Default us-east-1.")
  private String region = DEFAULT_REGION;

  @Default("false")
  @JsonPropertyDescription("External only: use path-style bucket addressing. Managed storage is always path-style. Default false.")
  private Boolean forcePathStyle = false;

  @JsonPropertyDescription("External only: a Secret with keys `accessKeyId` and `secretAccessKey`.")
  private SecretRef externalSecretRef;

  @Default("Retain")
  @JsonPropertyDescription("What happens to the bucket and managed volumes when the StatelessApp is deleted: Retain keeps them, Delete removes them. Default Retain.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public BackendMode getMode() {
    return mode;
  }

  public void setMode(BackendMode mode) {
    this.mode = mode;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getStorageSize() {
    return storageSize;
  }

  public void setStorageSize(String storageSize) {
    this.storageSize = storageSize;
  }

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getForcePathStyle() {
    return forcePathStyle;
  }

  public void setForcePathStyle(Boolean forcePathStyle) {
    this.forcePathStyle = forcePathStyle;
  }

  public SecretRef getExternalSecretRef() {
    return externalSecretRef;
  }

  public void setExternalSecretRef(SecretRef externalSecretRef) {
    this.externalSecretRef = externalSecretRef;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
