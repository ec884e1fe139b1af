package dev.stateless.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client-side load balancer over the replicas: every request goes to a randomly chosen one; a
 * connection failure marks that replica down (as a load balancer's passive health check would) and
 * the request is retried on another. Counts requests sent, retried and lost.
 */
final class ReplicaRouter {

  /** A replica's address and the client that talks to it. */
  record Replica(String name, ApiClient client) {}

  /** An answer and who gave it. */
  record Routed(Replica replica, ApiClient.Reply reply) {}

  private final List<Replica> replicas = new CopyOnWriteArrayList<>();
  private final Set<String> down = ConcurrentHashMap.newKeySet();
  final AtomicInteger sent = new AtomicInteger();
  final AtomicInteger retried = new AtomicInteger();
  final AtomicInteger lost = new AtomicInteger();

  void add(String name, URI uri) {
    replicas.add(new Replica(name, new ApiClient(uri)));
    down.remove(name);
  }

  void remove(String name) {
    replicas.removeIf(replica -> replica.name().equals(name));
  }

  List<Replica> replicas() {
    return List.copyOf(replicas);
  }

  Replica replica(String name) {
    return replicas.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  void resetCounters() {
    sent.set(0);
    retried.set(0);
    lost.set(0);
  }

  /** Sends to a random live replica, retrying on connection failures; throws only when every replica failed. */
  Routed send(Function<ApiClient, HttpRequest> request) {
    sent.incrementAndGet();
    for (int attempt = 0; attempt < 2 * replicas.size() + 1; attempt++) {
      List<Replica> live = replicas.stream().filter(r -> !down.contains(r.name())).toList();
      if (live.isEmpty()) {
        break;
      }
      Replica chosen = live.get(ThreadLocalRandom.current().nextInt(live.size()));
      try {
        return new Routed(chosen, chosen.client().send(request.apply(chosen.client())));
      } catch (IOException e) {
        down.add(chosen.name());
        retried.incrementAndGet();
      }
    }
    lost.incrementAndGet();
    throw new AssertionError("request lost: no replica answered");
  }
}
