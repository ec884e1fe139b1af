package dev.stateless.rules;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code no-sticky-sessions}: Service session affinity and cookie affinity on Ingresses. */
final class StickySessionRules {

  /** ingress-nginx: {@code affinity: cookie} pins every backend of the Ingress. */
  static final String INGRESS_NGINX_AFFINITY = "nginx.ingress.kubernetes.io/affinity";

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
    if (isCookieAffinity(annotations.get(INGRESS_NGINX_AFFINITY))) {
      violations.add(ingressNginxViolation(ingress));
    }
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
    if (isCookieAffinity(annotations.get(INGRESS_NGINX_AFFINITY))) {
      violations.add(ingressNginxViolation(ingress));
    }
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

  private static RuleViolation ingressNginxViolation(Ingress ingress) {
    return new RuleViolation(
        Rule.NO_STICKY_SESSIONS,
        ObjectRef.of(ingress),
        Subject.field("metadata.annotations[" + INGRESS_NGINX_AFFINITY + "]"),
        "Ingress " + name(ingress.getMetadata()) + " sets " + INGRESS_NGINX_AFFINITY + ": cookie, which pins"
            + " each client to one pod and hides state kept in that pod. Keep sessions in Redis and remove"
            + " the annotation.");
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

  private static boolean isCookieAffinity(String value) {
    return value != null && value.trim().equalsIgnoreCase("cookie");
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
