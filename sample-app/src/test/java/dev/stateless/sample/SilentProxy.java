package dev.stateless.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay to a local port that can go silent: once {@link #freeze}d it stops passing bytes either
 * way but closes nothing, as a network partition or a vanished host does. No reset, no timeout: the
 * endpoints learn nothing. It can also {@link #cut} its connections, as a backend that restarts does.
 */
final class SilentProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  /** Bytes passed on towards the target so far: how a test knows a request is under way there. */
  private final java.util.concurrent.atomic.AtomicLong upstream = new java.util.concurrent.atomic.AtomicLong();

  SilentProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "silent-proxy-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  void freeze() {
    frozen = true;
  }

  /** Closes every connection relayed so far; new ones are relayed as before. */
  void cut() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
      sockets.remove(socket);
    }
  }

  /** Waits until at least {@code bytes} have been passed on towards the target. */
  void awaitUpstream(long bytes, java.time.Duration timeout) {
    org.awaitility.Awaitility.await().atMost(timeout).pollInterval(java.time.Duration.ofMillis(5))
        .until(() -> upstream.get() >= bytes);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        relay(client, server, true);
        relay(server, client, false);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket from, Socket to, boolean towardsTarget) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        while (true) {
          while (frozen) {
            Thread.sleep(10); // bytes stay in the socket buffers: sent, never delivered
          }
          int read = in.read(buffer);
          if (read < 0) {
            return;
          }
          while (frozen) {
            Thread.sleep(10);
          }
          out.write(buffer, 0, read);
          out.flush();
          if (towardsTarget) {
            upstream.addAndGet(read);
          }
        }
      } catch (IOException | InterruptedException e) {
        // closed
      }
    }, "silent-proxy-relay");
    pump.setDaemon(true);
    pump.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
