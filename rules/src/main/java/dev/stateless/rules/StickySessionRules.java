package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code no-sticky-sessions}: Service session affinity, and cookie affinity on Ingresses as the
 * common Ingress controllers spell it in annotations. Controllers that configure affinity in
 * resources of their own (GKE's BackendConfig, Contour's HTTPProxy, Istio's DestinationRule) are
 * not read.
 */
final class StickySessionRules {

  /**
   * An annotation that turns cookie affinity on for every backend of the Ingress.
   *
   * @param controller who reads it, for the message
   * @param enables whether a value turns affinity on
   */
  record WholeIngressAffinity(String annotation, String controller, Predicate<String> enables) {}

  /** ingress-nginx: {@code affinity: cookie}. */
  static final String INGRESS_NGINX_AFFINITY = "nginx.ingress.kubernetes.io/affinity";

  static final List<WholeIngressAffinity> WHOLE_INGRESS_AFFINITY = List.of(
      new WholeIngressAffinity(INGRESS_NGINX_AFFINITY, "ingress-nginx", value -> value.trim().equalsIgnoreCase("cookie")),
      // AWS Load Balancer Controller: target group attributes, comma-separated key=value pairs.
      new WholeIngressAffinity("alb.ingress.kubernetes.io/target-group-attributes", "the AWS Load Balancer Controller",
          value -> "true".equalsIgnoreCase(attributes(value).get("stickiness.enabled"))),
      new WholeIngressAffinity("appgw.ingress.kubernetes.io/cookie-based-affinity", "the Azure Application Gateway Ingress Controller",
          value -> value.trim().equalsIgnoreCase("true")),
      // HAProxy Kubernetes Ingress: the value names the cookie; any name turns persistence on.
      new WholeIngressAffinity("haproxy.org/cookie-persistence", "the HAProxy Ingress Controller", value -> !value.isBlank()));

  /**
   * NGINX Inc's controller (NGINX Plus): {@code serviceName=tea-svc srv_id expires=1h;...} pins the
   * services it names.
   */
  static final String NGINX_INC_STICKY_COOKIE = "nginx.com/sticky-cookie-services";

  private static final Pattern SERVICE_NAME = Pattern.compile("serviceName=([^\\s;]+)");

  private StickySessionRules() {}

  static List<RuleViolation> checkService(Service service) {
    List<RuleViolation> violations = new ArrayList<>();
    if (service.getSpec() != null && "ClientIP".equals(service.getSpec().getSessionAffinity())) {
      violations.add(
          new RuleViolation(
              Rule.NO_STICKY_SESSIONS,
              ObjectRef.of(service),
              Subject.field("spec.sessionAffinity"),
              "Service " + name(service.getMetadata()) + " has sessionAffinity: ClientIP: each client is pinned"
                  + " to one pod, which hides state kept in that pod and breaks the client when the pod goes."
                  + " Keep sessions in Redis and set sessionAffinity: None."));
    }
    return violations;
  }

  /** Cookie affinity on an Ingress, whatever it routes to. */
  static List<RuleViolation> checkIngress(Ingress ingress) {
    List<RuleViolation> violations = new ArrayList<>();
    Map<String, String> annotations = annotations(ingress);
    violations.addAll(wholeIngressViolations(ingress, annotations));
    String sticky = annotations.get(NGINX_INC_STICKY_COOKIE);
    if (sticky != null && !sticky.isBlank()) {
      Set<String> named = servicesNamedIn(sticky);
      violations.add(nginxIncViolation(ingress, named.isEmpty() ? "its services" : "service(s) " + String.join(", ", named)));
    }
    return violations;
  }

  /**
   * Cookie affinity on an Ingress that routes to the given Service (its default backend or any rule
   * path), as the reconciler asks about the app's own Service. The NGINX Inc annotation counts only
   * when it names that Service (or names none, which we read as all).
   */
  static List<RuleViolation> checkIngressRoutingTo(Ingress ingress, String serviceName) {
    List<RuleViolation> violations = new ArrayList<>();
    if (serviceName == null || !backendServices(ingress).contains(serviceName)) {
      return violations;
    }
    Map<String, String> annotations = annotations(ingress);
    violations.addAll(wholeIngressViolations(ingress, annotations));
    String sticky = annotations.get(NGINX_INC_STICKY_COOKIE);
    if (sticky != null && !sticky.isBlank()) {
      Set<String> named = servicesNamedIn(sticky);
      if (named.isEmpty() || named.contains(serviceName)) {
        violations.add(nginxIncViolation(ingress, "service " + serviceName));
      }
    }
    return violations;
  }

  /** The Services an Ingress sends traffic to, default backend first, then rules in order. */
  static Set<String> backendServices(Ingress ingress) {
    Set<String> services = new LinkedHashSet<>();
    if (ingress.getSpec() == null) {
      return services;
    }
    addService(services, ingress.getSpec().getDefaultBackend());
    for (IngressRule rule : PodView.present(ingress.getSpec().getRules())) {
      if (rule.getHttp() != null) {
        for (HTTPIngressPath path : PodView.present(rule.getHttp().getPaths())) {
          addService(services, path.getBackend());
        }
      }
    }
    return services;
  }

  private static void addService(Set<String> services, IngressBackend backend) {
    if (backend != null && backend.getService() != null && backend.getService().getName() != null) {
      services.add(backend.getService().getName());
    }
  }

  private static List<RuleViolation> wholeIngressViolations(Ingress ingress, Map<String, String> annotations) {
    List<RuleViolation> violations = new ArrayList<>();
    for (WholeIngressAffinity affinity : WHOLE_INGRESS_AFFINITY) {
      String value = annotations.get(affinity.annotation());
      if (value != null && affinity.enables().test(value)) {
        violations.add(new RuleViolation(
            Rule.NO_STICKY_SESSIONS,
            ObjectRef.of(ingress),
            Subject.field("metadata.annotations[" + affinity.annotation() + "]"),
            "Ingress " + name(ingress.getMetadata()) + " sets " + affinity.annotation() + ": " + value.trim()
                + ", which makes " + affinity.controller() + " pin each client to one pod and hides state kept"
                + " in that pod. Keep sessions in Redis and turn the affinity off."));
      }
    }
    return violations;
  }

  /** {@code a=1,b=2} as a map; malformed pairs are skipped. */
  private static Map<String, String> attributes(String commaSeparated) {
    Map<String, String> attributes = new HashMap<>();
    for (String pair : commaSeparated.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        attributes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
    return attributes;
  }

  private static RuleViolation nginxIncViolation(Ingress ingress, String what) {
    return new RuleViolation(
        Rule.NO_STICKY_SESSIONS,
        ObjectRef.of(ingress),
        Subject.field("metadata.annotations[" + NGINX_INC_STICKY_COOKIE + "]"),
        "Ingress " + name(ingress.getMetadata()) + " sets " + NGINX_INC_STICKY_COOKIE + " for " + what
            + ", which pins each client to one pod and hides state kept in that pod. Keep sessions in Redis"
            + " and remove the annotation.");
  }

  private static Set<String> servicesNamedIn(String stickyCookieServices) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = SERVICE_NAME.matcher(stickyCookieServices);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static Map<String, String> annotations(Ingress ingress) {
    ObjectMeta metadata = ingress.getMetadata();
    return metadata == null || metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
  }

  private static String name(ObjectMeta metadata) {
    return "\"" + Objects.requireNonNullElse(metadata == null ? null : metadata.getName(), "<unnamed>") + "\"";
  }
}
