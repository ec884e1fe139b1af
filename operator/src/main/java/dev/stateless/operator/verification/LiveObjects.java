package dev.stateless.operator.verification;

import dev.stateless.api.v1alpha1.StatelessApp;
import dev.stateless.operator.desired.AppLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live objects statelessness is checked on, watched so that a change is checked at once: the
 * app's pods (label-scoped to what this operator manages, so memory grows with the apps, not the
 * cluster) and the Ingresses that may pin clients to a pod. Pods and Ingresses are not owned by the
 * app, so each event is mapped to its app by label or by the Service it routes to.
 */
public final class LiveObjects {

  private InformerEventSource<Pod, StatelessApp> pods;
  private InformerEventSource<Ingress, StatelessApp> ingresses;

  /** Creates the event sources; called once, when the reconciler is registered. */
  public List<EventSource<?, StatelessApp>> eventSources(EventSourceContext<StatelessApp> context) {
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, StatelessApp.class)
        .withName("app-pods")
        .withLabelSelector(AppLabels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> appOf(pod).map(Set::of).orElse(Set.of()))
        .build(), context);
    ingresses = new InformerEventSource<>(InformerEventSourceConfiguration.from(Ingress.class, StatelessApp.class)
        .withName("ingresses")
        .withSecondaryToPrimaryMapper(ingress -> backendServices(ingress)
            .map(service -> new ResourceID(service, ingress.getMetadata().getNamespace()))
            .collect(Collectors.toSet()))
        .build(), context);
    return List.of(pods, ingresses);
  }

  /** The app's own pods and its scheduled jobs' pods, not its backends'. */
  public List<Pod> podsOf(StatelessApp app) {
    String name = app.getMetadata().getName();
    return pods.list(app.getMetadata().getNamespace(), pod -> appOf(pod)
            .filter(id -> id.getName().equals(name))
            .isPresent())
        .toList();
  }

  public List<Ingress> ingressesIn(String namespace) {
    return ingresses.list(namespace, ingress -> true).toList();
  }

  private static Optional<ResourceID> appOf(HasMetadata pod) {
    Map<String, String> labels = Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
    String component = labels.get(AppLabels.COMPONENT);
    boolean runsTheAppsCode = AppLabels.Component.APP.value().equals(component)
        || AppLabels.Component.SCHEDULED_JOB.value().equals(component);
    String app = labels.get(AppLabels.NAME);
    return runsTheAppsCode && app != null
        ? Optional.of(new ResourceID(app, pod.getMetadata().getNamespace()))
        : Optional.empty();
  }

  private static Stream<String> backendServices(Ingress ingress) {
    if (ingress.getSpec() == null) {
      return Stream.empty();
    }
    Stream<IngressBackend> defaultBackend = Stream.ofNullable(ingress.getSpec().getDefaultBackend());
    Stream<IngressBackend> ruleBackends = Optional.ofNullable(ingress.getSpec().getRules()).orElse(List.of()).stream()
        .filter(rule -> rule != null && rule.getHttp() != null && rule.getHttp().getPaths() != null)
        .map(IngressRule::getHttp)
        .flatMap(http -> http.getPaths().stream())
        .filter(path -> path != null)
        .map(HTTPIngressPath::getBackend);
    return Stream.concat(defaultBackend, ruleBackends)
        .filter(backend -> backend != null && backend.getService() != null && backend.getService().getName() != null)
        .map(backend -> backend.getService().getName())
        .distinct();
  }
}
