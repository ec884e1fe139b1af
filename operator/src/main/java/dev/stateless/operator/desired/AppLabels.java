package dev.stateless.operator.desired;

import dev.stateless.api.v1alpha1.StatelessApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels every object the operator creates carries, and the selector of the app's pods. */
public final class AppLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String OPERATOR = "stateless-operator";

  /** Selects everything this operator manages; scopes the operator's informers to its own objects. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  /** The part of an app an object belongs to. */
  public enum Component {
    APP("app"),
    REDIS("redis"),
    OBJECT_STORAGE("object-storage"),
    /** A CronJob of spec.scheduledJobs and its pods: the app's code, but not serving traffic. */
    SCHEDULED_JOB("scheduled-job");

    private final String value;

    Component(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  private AppLabels() {}

  public static Map<String, String> of(StatelessApp app, Component component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, app.getMetadata().getName());
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(COMPONENT, component.value());
    return labels;
  }

  /**
   * The selector of the app's own pods. It includes the component: the app's name alone would also
   * select its managed Redis and object storage pods, and the scale subresource would count them.
   */
  public static Map<String, String> selector(StatelessApp app) {
    return of(app, Component.APP);
  }

  /** The selector as the scale subresource and kubectl want it: {@code k=v,k=v}. */
  public static String selectorString(StatelessApp app) {
    return selector(app).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
