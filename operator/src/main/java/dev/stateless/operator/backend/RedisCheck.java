package dev.stateless.operator.backend;

/** Checks that a Redis answers PING with the given credentials. Must return within its own short timeout. */
@FunctionalInterface
public interface RedisCheck {

  ProbeResult check(RedisConnection redis);
}
