package dev.stateless.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StickySessionRulesTest {

  static final StatelessnessRules RULES = new StatelessnessRules(RuleSettings.defaults());

  @Test
  void clientIpAffinityOnAServiceIsReported() {
    Service sticky = service("ClientIP", Map.of());

    assertThat(RULES.checkService(sticky))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("no-sticky-sessions");
              assertThat(v.object()).isEqualTo(new ObjectRef("Service", "shop", "shop"));
              assertThat(v.subject()).isEqualTo(Subject.field("spec.sessionAffinity"));
              assertThat(v.message()).contains("sessionAffinity: ClientIP").contains("set sessionAffinity: None");
              assertThat(v.suppressed()).isFalse();
            });
    assertThat(RULES.checkService(service("None", Map.of()))).isEmpty();
  }

  @Test
  void ignoreAnnotationSuppressesButKeepsTheViolation() {
    Service optedOut = service("ClientIP", Map.of(PodContract.IGNORE_ANNOTATION, "failover-replicas,no-sticky-sessions"));

    assertThat(RULES.checkService(optedOut)).singleElement().satisfies(v -> assertThat(v.suppressed()).isTrue());
  }

  @Test
  void ingressNginxCookieAffinityIsReported() {
    Ingress ingress = ingress(Map.of("nginx.ingress.kubernetes.io/affinity", "cookie"), "shop");

    assertThat(RULES.checkIngress(ingress))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.ruleId()).isEqualTo("no-sticky-sessions");
              assertThat(v.subject().name()).isEqualTo("metadata.annotations[nginx.ingress.kubernetes.io/affinity]");
            });
    assertThat(RULES.checkIngress(ingress(Map.of("nginx.ingress.kubernetes.io/affinity", "none"), "shop"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "alb.ingress.kubernetes.io/target-group-attributes | deregistration_delay.timeout_seconds=30, stickiness.enabled=true,stickiness.type=lb_cookie",
      "appgw.ingress.kubernetes.io/cookie-based-affinity | true",
      "haproxy.org/cookie-persistence                     | SERVERID"})
  void otherControllersCookieAffinityIsReported(String annotation, String value) {
    Ingress ingress = ingress(Map.of(annotation, value), "shop");

    assertThat(RULES.checkIngressRoutingTo(ingress, "shop")).singleElement().satisfies(v -> {
      assertThat(v.subject().name()).isEqualTo("metadata.annotations[" + annotation + "]");
      assertThat(v.message()).contains("pin each client to one pod");
    });
    assertThat(RULES.checkIngress(ingress)).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "alb.ingress.kubernetes.io/target-group-attributes | stickiness.enabled=false,stickiness.lb_cookie.duration_seconds=60",
      "alb.ingress.kubernetes.io/target-group-attributes | deregistration_delay.timeout_seconds=30",
      "appgw.ingress.kubernetes.io/cookie-based-affinity | false",
      "haproxy.org/cookie-persistence                     | ''"})
  void theSameAnnotationsWithAffinityOffPass(String annotation, String value) {
    assertThat(RULES.checkIngress(ingress(Map.of(annotation, value), "shop"))).isEmpty();
  }

  @Test
  void nginxIncStickyCookieIsReportedForTheServicesItNames() {
    Ingress ingress =
        ingress(Map.of("nginx.com/sticky-cookie-services", "serviceName=shop srv_id expires=1h path=/;serviceName=cart srv_id expires=2h"), "shop", "cart", "search");

    assertThat(RULES.checkIngress(ingress)).singleElement().satisfies(v -> assertThat(v.message()).contains("service(s) shop, cart"));
    assertThat(RULES.checkIngressRoutingTo(ingress, "cart")).hasSize(1);
    assertThat(RULES.checkIngressRoutingTo(ingress, "search")).as("routed to, but not sticky").isEmpty();
  }

  @Test
  void reconcilerOnlyHearsAboutIngressesRoutingToItsService() {
    Ingress viaRulePath = ingress(Map.of("nginx.ingress.kubernetes.io/affinity", "cookie"), "shop");
    Ingress viaDefaultBackend =
        new IngressBuilder(ingress(Map.of("nginx.ingress.kubernetes.io/affinity", "Cookie"), "other"))
            .editSpec()
            .withNewDefaultBackend()
            .withNewService()
            .withName("shop")
            .endService()
            .endDefaultBackend()
            .endSpec()
            .build();

    assertThat(RULES.checkIngressRoutingTo(viaRulePath, "shop")).hasSize(1);
    assertThat(RULES.checkIngressRoutingTo(viaDefaultBackend, "shop")).hasSize(1);
    assertThat(RULES.checkIngressRoutingTo(viaRulePath, "other-app")).isEmpty();
    assertThat(StickySessionRules.backendServices(viaDefaultBackend)).containsExactly("shop", "other");
  }

  private static Service service(String affinity, Map<String, String> annotations) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("shop")
        .withNamespace("shop")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withSessionAffinity(affinity)
        .endSpec()
        .build();
  }

  private static Ingress ingress(Map<String, String> annotations, String... services) {
    IngressBuilder builder =
        new IngressBuilder().withNewMetadata().withName("web").withNamespace("shop").withAnnotations(annotations).endMetadata();
    var http = builder.withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp();
    for (String service : services) {
      http.addNewPath().withPath("/" + service).withPathType("Prefix").withNewBackend().withNewService().withName(service).endService().endBackend().endPath();
    }
    return http.endHttp().endRule().endSpec().build();
  }
}
