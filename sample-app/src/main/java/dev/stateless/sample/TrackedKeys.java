package dev.stateless.sample;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local answer to "does this Redis key exist?", kept exact by Redis server-assisted client-side
 * caching ({@code CLIENT TRACKING}): the first question about a key reads it from Redis, which then
 * remembers that this process holds a copy; the moment any client writes, deletes or expires the
 * key, Redis sends an invalidation and the local answer is dropped. Later questions cost a map
 * lookup, not a round trip. Unlike lettuce's {@code ClientSideCaching} frontend, absent keys are
 * cached too, which is the whole point for a revocation list: almost every key asked about is absent.
 *
 * <p>Invalidations are redirected to an {@link InvalidationStream} that each question drains first
 * (one non-blocking read, which serves every question that began while the previous read ran). So
 * once an invalidation has arrived, no later request on this replica can be answered from the old
 * copy, even if the JVM has not scheduled any background thread since. Local answers are given only
 * while that stream vouches for them (heard from within a second; it PINGs when quiet), so a link
 * that died without a reset cannot keep serving an old copy.
 * Over TLS, where that stream is not available, invalidations arrive as RESP3 pushes on lettuce's
 * event loop instead: the same answers, but visible a scheduling delay later.
 *
 * <p>Other rules: a read in flight when its key is invalidated must not store its (now old) answer,
 * hence the per-read ticket that an invalidation removes; answers are trusted only while tracking is
 * known to be on, so any disconnect forgets everything and the view is bypassed (every question
 * goes to Redis) until tracking is switched on again.
 */
final class TrackedKeys implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrackedKeys.class);
  private static final int MAX_ENTRIES = 200_000;
  private static final long ARM_RETRY_NANOS = 1_000_000_000L;

  private final Redis redis;
  /** key -> Boolean (exists or not), or a ticket object while the first read is in flight. */
  private final ConcurrentHashMap<String, Object> known = new ConcurrentHashMap<>();
  /** Changes on every disconnect and every (re)arming; a read started in another epoch stores nothing. */
  private final AtomicLong epoch = new AtomicLong();
  private final LongAdder localAnswers = new LongAdder();
  private final LongAdder redisReads = new LongAdder();
  private volatile InvalidationStream stream;
  private volatile boolean armed;
  private volatile long nextArmAttemptNanos;
  private volatile boolean warned;

  TrackedKeys(Redis redis) {
    this.redis = redis;
    redis.onTrackingConnectionOpened(this::attach);
  }

  boolean exists(String key) {
    return existing(key) != 0;
  }

  /**
   * Which of {@code keys} exist, as bit {@code i} for {@code keys[i]} (at most 64 keys). The
   * invalidations are applied once, before the first key: every key is then answered as Redis saw
   * it when this call began. The keys that cannot be answered locally are read in one round trip.
   */
  long existing(String... keys) {
    StatefulRedisConnection<String, String> connection = Redis.call(redis::trackingConnection);
    boolean vouched = applyInvalidations();
    if (!armed) {
      arm(connection);
    }
    long readEpoch = epoch.get();
    boolean tracked = armed;
    long found = 0;
    long unanswered = 0;
    for (int i = 0; i < keys.length; i++) {
      if (tracked && vouched && known.get(keys[i]) instanceof Boolean exists) {
        localAnswers.increment();
        found |= exists ? 1L << i : 0;
      } else {
        unanswered |= 1L << i;
      }
    }
    return unanswered == 0 ? found : found | read(connection, keys, unanswered, readEpoch, tracked);
  }

  /**
   * Reads the keys of {@code keys} whose bits are set in {@code which} with one MGET, and keeps
   * the answers for the keys nobody else was reading (a ticket in {@link #known} marks a read in
   * flight). An answer held but not vouched for is read again, and kept as it is.
   *
   * @param readEpoch the epoch before anything was looked up: a read begun in an older one stores nothing
   * @param tracked whether tracking was on then; if not, nothing is stored
   */
  private long read(StatefulRedisConnection<String, String> connection, String[] keys, long which, long readEpoch,
      boolean tracked) {
    int count = Long.bitCount(which);
    String[] asked = new String[count];
    Object[] tickets = new Object[count];
    boolean anyTicket = false;
    for (int i = 0, n = 0; i < keys.length; i++) {
      if ((which & 1L << i) == 0) {
        continue;
      }
      asked[n] = keys[i];
      if (tracked) {
        Object ticket = new Object();
        if (known.putIfAbsent(keys[i], ticket) == null) {
          tickets[n] = ticket;
          anyTicket = true;
        }
      }
      n++;
    }
    redisReads.add(count);
    List<KeyValue<String, String>> values;
    try {
      values = Redis.call(() -> connection.sync().mget(asked));
    } catch (RuntimeException e) {
      forgetTickets(asked, tickets);
      throw e;
    }
    if (anyTicket) {
      applyInvalidations(); // one that raced with the read removes its ticket now
    }
    boolean keep = armed && epoch.get() == readEpoch;
    long found = 0;
    for (int i = 0, n = 0; i < keys.length; i++) {
      if ((which & 1L << i) == 0) {
        continue;
      }
      boolean exists = values.get(n).hasValue();
      found |= exists ? 1L << i : 0;
      if (tickets[n] != null && !(keep && known.replace(asked[n], tickets[n], exists))) {
        known.remove(asked[n], tickets[n]); // replace fails if an invalidation took the ticket meanwhile
      }
      n++;
    }
    if (known.size() > MAX_ENTRIES) {
      known.clear(); // forgetting is always safe; it only costs reads
    }
    return found;
  }

  private void forgetTickets(String[] keys, Object[] tickets) {
    for (int n = 0; n < keys.length; n++) {
      if (tickets[n] != null) {
        known.remove(keys[n], tickets[n]);
      }
    }
  }

  /**
   * Drops the local answer for a key this process has just written, so that a replica always sees
   * its own writes without waiting for Redis to tell it; also voids a read in flight for that key.
   */
  void forget(String key) {
    known.remove(key);
  }

  /** Questions answered from the local view, without a round trip. */
  long localAnswers() {
    return localAnswers.sum();
  }

  /** Questions that needed a Redis read (first sight of a key, or the view not armed). */
  long redisReads() {
    return redisReads.sum();
  }

  /** How many answers are held locally. */
  int size() {
    return known.size();
  }

  @Override
  public void close() {
    InvalidationStream current = stream;
    if (current != null) {
      current.close();
    }
  }

  /**
   * Applies the invalidations that have arrived; returns whether local answers may be given now. An
   * answer held but not vouched for is read again from Redis, and kept as it is.
   */
  private boolean applyInvalidations() {
    InvalidationStream current = stream;
    if (current == null) {
      return true; // not armed (then nothing local is used), or over TLS, where pushes arrive by themselves
    }
    return switch (current.drain()) {
      case TRUSTED -> true;
      case UNPROVEN -> false;
      case BROKEN -> {
        forgetAll(); // whatever it would have said is lost
        yield false;
      }
    };
  }

  private void attach(StatefulRedisConnection<String, String> connection) {
    connection.addListener(this::onPush);
    connection.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
        forgetAll(); // invalidations sent while we were away are lost
      }

      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> handler) {
        forgetAll(); // a new server-side client: tracking must be switched on again
      }
    });
  }

  private void forgetAll() {
    armed = false;
    epoch.incrementAndGet();
    known.clear();
  }

  private synchronized void arm(StatefulRedisConnection<String, String> connection) {
    if (armed || System.nanoTime() < nextArmAttemptNanos) {
      return;
    }
    InvalidationStream previous = stream;
    stream = null;
    if (previous != null) {
      previous.close();
    }
    InvalidationStream opened = null;
    try {
      opened = openStream();
      connection.sync().clientTracking(opened == null
          ? TrackingArgs.Builder.enabled()
          : TrackingArgs.Builder.enabled().redirect(opened.clientId()));
      stream = opened;
      epoch.incrementAndGet();
      known.clear();
      armed = true;
    } catch (RedisException e) {
      if (opened != null) {
        opened.close(); // tracking was refused: the subscription would stay open on the server, one per retry
      }
      nextArmAttemptNanos = System.nanoTime() + ARM_RETRY_NANOS;
      // Not connected is an outage, reported by readiness; a refusal means the server cannot track.
      if (e instanceof RedisCommandExecutionException && !warned) {
        warned = true;
        log.warn("Redis client tracking unavailable ({}); revocation checks go to Redis on every request",
            e.getMessage());
      }
    }
  }

  private InvalidationStream openStream() {
    if (redis.uri().isSsl()) {
      return null; // invalidations come as RESP3 pushes on the tracking connection itself
    }
    try {
      return InvalidationStream.open(redis.uri(), redis.timeout(), known::remove, known::clear);
    } catch (IOException e) {
      throw new io.lettuce.core.RedisConnectionException("invalidation stream: " + e.getMessage(), e);
    }
  }

  private void onPush(PushMessage message) {
    if ("tracking-redir-broken".equals(message.getType())) {
      forgetAll();
      return;
    }
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    Object keys = content.size() > 1 ? content.get(1) : null;
    if (keys instanceof List<?> list) {
      for (Object key : list) {
        known.remove(String.valueOf(key));
      }
    } else {
      known.clear(); // a null key list means "everything" (FLUSHALL, or the server dropped its table)
    }
  }
}
