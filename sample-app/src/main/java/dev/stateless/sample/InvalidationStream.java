package dev.stateless.sample;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A plain RESP2 connection subscribed to {@code __redis__:invalidate}, the channel Redis sends
 * client-tracking invalidations to when tracking is redirected ({@code CLIENT TRACKING on REDIRECT id}).
 *
 * <p>Nobody reads it in the background: the threads that are about to trust a locally held answer
 * {@link #drain} it first, with a non-blocking read. Whatever invalidation has reached this host
 * before a request is therefore applied before that request is answered, however late a background
 * thread would have been scheduled; an empty read costs one system call, and concurrent drains
 * share reads (see {@link #drain}).
 *
 * <p>An empty read cannot tell "nothing to apply" from a link that died without a reset (a network
 * partition, a Redis host that vanished): invalidations would stop arriving and the local answers
 * would go stale. So the drains also PING through the stream when it has been quiet for
 * {@link #PING_AFTER_NANOS}, and the stream vouches for local answers only while it has been heard
 * from within {@link #TRUST_NANOS}; a PING left unanswered for {@link #DEAD_AFTER_NANOS} breaks it.
 */
final class InvalidationStream implements AutoCloseable {

  static final String CHANNEL = "__redis__:invalidate";
  private static final Object INCOMPLETE = new Object();

  /** What a drain says of the local answers. */
  enum Standing {
    /** Everything that had arrived is applied, and the link was heard from lately: answer locally. */
    TRUSTED,
    /** Applied, but the link has been quiet too long to vouch for it (a PING is on its way): ask Redis. */
    UNPROVEN,
    /** Closed, broken or silent past its PING: nothing it says can be relied upon any more. */
    BROKEN
  }

  /** Quiet this long, a drain sends a PING, at most one at a time. */
  static final long PING_AFTER_NANOS = 250_000_000L;
  /** Heard from within this, the stream vouches for local answers. */
  static final long TRUST_NANOS = 1_000_000_000L;
  /** A PING unanswered this long means the link is dead. */
  static final long DEAD_AFTER_NANOS = 3_000_000_000L;
  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
  /** Busy-waits for a read in progress before yielding the core; a read takes a few microseconds. */
  private static final int SPINS = 64;

  private final SocketChannel channel;
  private final long clientId;
  private final Consumer<String> invalidate;
  private final Runnable invalidateAll;
  /** Held by the one thread reading the socket and applying what it read; never waited on. */
  private final ReentrantLock reading = new ReentrantLock();
  /** Reads begun and reads applied so far; both written only under {@link #reading}. */
  private volatile long started;
  private volatile long finished;
  private volatile boolean broken;
  /** When bytes last arrived (any message, a PING's answer included). */
  private volatile long lastHeard = System.nanoTime();
  /** When the PING now awaiting its answer was sent; meaningless unless it is after {@link #lastHeard}. */
  private volatile long pingSent;
  /**
   * Direct, because a read into a heap buffer goes through a temporary direct one of the same size,
   * borrowed from a per-thread cache: work for every drain, and most drains read nothing.
   */
  private ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);

  private InvalidationStream(SocketChannel channel, long clientId, Consumer<String> invalidate,
      Runnable invalidateAll) {
    this.channel = channel;
    this.clientId = clientId;
    this.invalidate = invalidate;
    this.invalidateAll = invalidateAll;
  }

  /**
   * Connects, authenticates like {@code uri} says, and subscribes. Plain TCP only.
   *
   * @param invalidate what {@link #drain} calls with each invalidated key
   * @param invalidateAll what it calls when Redis says every key is invalid (FLUSHALL, table overflow)
   */
  static InvalidationStream open(RedisURI uri, Duration timeout, Consumer<String> invalidate,
      Runnable invalidateAll) throws IOException {
    if (uri.isSsl()) {
      throw new IOException("TLS is not supported for the invalidation stream");
    }
    SocketChannel channel = SocketChannel.open();
    try {
      channel.socket().connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
      channel.socket().setTcpNoDelay(true);
      channel.configureBlocking(false);
      List<List<String>> commands = new ArrayList<>();
      RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block(timeout);
      if (credentials != null && credentials.hasPassword()) {
        String password = new String(credentials.getPassword());
        commands.add(credentials.hasUsername()
            ? List.of("AUTH", credentials.getUsername(), password)
            : List.of("AUTH", password));
      }
      commands.add(List.of("CLIENT", "ID"));
      commands.add(List.of("SUBSCRIBE", CHANNEL));
      write(channel, commands);
      InvalidationStream stream = new InvalidationStream(channel, -1, invalidate, invalidateAll);
      List<Object> replies = stream.await(commands.size(), timeout);
      for (Object reply : replies) {
        if (reply instanceof RespError error) {
          throw new IOException("Redis refused the invalidation stream: " + error.message());
        }
      }
      Object id = replies.get(replies.size() - 2);
      if (!(id instanceof Long clientId)) {
        throw new IOException("unexpected CLIENT ID reply");
      }
      InvalidationStream ready = new InvalidationStream(channel, clientId, invalidate, invalidateAll);
      ready.buffer = stream.buffer;
      return ready;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  long clientId() {
    return clientId;
  }

  /**
   * Returns once every invalidation that had reached this host when the call began has been applied.
   *
   * <p>Why one read can serve many callers, and why that is still exact: a read empties the socket,
   * so it applies everything that had arrived when it began. {@code started} counts reads begun,
   * {@code finished} reads applied, both advanced under {@link #reading} only, in that order. A
   * caller that sees {@code started == s} needs read {@code s + 1}: that read had not begun when the
   * caller looked, so it begins after the caller did, and {@code finished >= s + 1} (a volatile read
   * that sees what the reader applied before writing it) proves everything the caller must see has
   * been applied, whoever made the read. Read {@code s} itself, perhaps in progress, may have begun
   * before the caller and is not enough. So a caller that finds the socket being read does not queue
   * for it: it waits for {@code finished} to pass its number, and reads itself only if nobody has by
   * then. Under load one read serves every check that began while the previous one was running.
   *
   * @return whether the local answers can be trusted now (see {@link Standing})
   */
  Standing drain() {
    long needed = started + 1;
    for (int waits = 0; finished < needed; waits++) {
      if (reading.tryLock()) {
        try {
          if (finished < needed) {
            read(); // its number is started + 1 >= needed: no read is in progress under the lock
          }
        } finally {
          reading.unlock();
        }
      } else if (waits < SPINS) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the reader may have lost its core; let it finish
      }
    }
    return broken ? Standing.BROKEN : standing(System.nanoTime());
  }

  /** Whether the link has been heard from lately; sends a PING, or declares the link dead, as due. */
  private Standing standing(long now) {
    long heard = lastHeard;
    long quiet = now - heard;
    if (quiet < PING_AFTER_NANOS) {
      return Standing.TRUSTED;
    }
    long sent = pingSent;
    boolean awaiting = sent - heard > 0;
    if (awaiting && now - sent > DEAD_AFTER_NANOS) {
      broken = true;
      return Standing.BROKEN;
    }
    if (!awaiting && reading.tryLock()) {
      try {
        if (pingSent - lastHeard <= 0) {
          pingSent = now;
          sendPing();
        }
      } finally {
        reading.unlock();
      }
    }
    return quiet < TRUST_NANOS ? Standing.TRUSTED : Standing.UNPROVEN;
  }

  /** Under {@link #reading}: a few bytes into an idle socket's send buffer, never blocking. */
  private void sendPing() {
    try {
      ByteBuffer ping = ByteBuffer.wrap(PING);
      channel.write(ping);
      if (ping.hasRemaining()) {
        broken = true; // the send buffer is full: Redis has stopped reading
      }
    } catch (IOException | RuntimeException e) {
      broken = true;
    }
  }

  @Override
  public void close() {
    try {
      channel.close(); // a read in progress fails, and the stream reports itself broken
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Reads and applies everything that has arrived, without waiting for more; under {@link #reading}. */
  private void read() {
    long number = started + 1;
    started = number;
    boolean emptied = false;
    try {
      int read;
      do {
        ensureRoom();
        read = channel.read(buffer);
        if (read > 0) {
          lastHeard = System.nanoTime();
          apply();
        }
      } while (read > 0);
      emptied = read == 0; // -1: Redis closed the connection
    } catch (IOException | RuntimeException e) {
      // closed, or not the protocol we expect: broken either way
    } finally {
      if (!emptied) {
        broken = true;
      }
      finished = number;
    }
  }

  private void apply() {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        int start = buffer.position();
        Object value = parse();
        if (value == INCOMPLETE) {
          buffer.position(start);
          break;
        }
        // ["message", "__redis__:invalidate", [keys...] or null]
        if (value instanceof List<?> message && message.size() == 3 && "message".equals(message.get(0))) {
          if (message.get(2) instanceof List<?> keys) {
            keys.forEach(key -> invalidate.accept(String.valueOf(key)));
          } else {
            invalidateAll.run();
          }
        }
      }
    } finally {
      buffer.compact();
    }
  }

  private List<Object> await(int count, Duration timeout) throws IOException {
    List<Object> replies = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      while (replies.size() < count) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("Redis did not answer in time");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        ensureRoom();
        if (channel.read(buffer) < 0) {
          throw new IOException("Redis closed the connection");
        }
        buffer.flip();
        while (replies.size() < count && buffer.hasRemaining()) {
          int start = buffer.position();
          Object value = parse();
          if (value == INCOMPLETE) {
            buffer.position(start);
            break;
          }
          replies.add(value);
        }
        buffer.compact();
      }
      channel.keyFor(selector).cancel();
    }
    return replies;
  }

  private void ensureRoom() {
    if (!buffer.hasRemaining()) {
      ByteBuffer larger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
      buffer.flip();
      larger.put(buffer);
      buffer = larger;
    }
  }

  /** One RESP2 value from the buffer, or {@link #INCOMPLETE} when its bytes have not all arrived. */
  private Object parse() {
    String line = line();
    if (line == null || line.isEmpty()) {
      return INCOMPLETE;
    }
    String rest = line.substring(1);
    switch (line.charAt(0)) {
      case '+':
        return rest;
      case '-':
        return new RespError(rest);
      case ':':
        return Long.parseLong(rest);
      case '$': {
        int length = Integer.parseInt(rest);
        if (length < 0) {
          return null;
        }
        if (buffer.remaining() < length + 2) {
          return INCOMPLETE;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        buffer.position(buffer.position() + 2);
        return new String(bytes, StandardCharsets.UTF_8);
      }
      case '*': {
        int size = Integer.parseInt(rest);
        if (size < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          Object item = parse();
          if (item == INCOMPLETE) {
            return INCOMPLETE;
          }
          items.add(item);
        }
        return items;
      }
      default:
        throw new IllegalStateException("not RESP2: " + line.charAt(0));
    }
  }

  private String line() {
    int start = buffer.position();
    for (int i = start; i + 1 < buffer.limit(); i++) {
      if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
        byte[] bytes = new byte[i - start];
        buffer.get(bytes);
        buffer.position(i + 2);
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void write(SocketChannel channel, List<List<String>> commands) throws IOException {
    StringBuilder out = new StringBuilder();
    for (List<String> command : commands) {
      out.append('*').append(command.size()).append("\r\n");
      for (String part : command) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
      }
    }
    ByteBuffer bytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (bytes.hasRemaining()) {
      channel.write(bytes);
      if (System.nanoTime() > deadline) {
        throw new IOException("could not send the subscription");
      }
    }
  }

  private record RespError(String message) {}
}
