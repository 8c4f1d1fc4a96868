package fr.relais.hub.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a broker that can hold back what the broker sends (the
 * client's own bytes still go through) and then cut the connections it holds: a PUBACK lost with
 * its connection, on purpose. New connections go through freely once cut.
 */
final class HoldingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int brokerPort;
    private final Object lock = new Object();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private boolean held;

    HoldingProxy(int brokerPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.brokerPort = brokerPort;
        Thread accept = new Thread(this::accept, "holding-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, the broker's bytes wait in the proxy. */
    void hold() {
        synchronized (lock) {
            held = true;
        }
    }

    /** Closes every connection, so what was held never arrives, and lets new ones through. */
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
        synchronized (lock) {
            held = false;
            lock.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort));
                sockets.add(client);
                sockets.add(broker);
                pump(client.getInputStream(), broker.getOutputStream(), false, client, broker);
                pump(broker.getInputStream(), client.getOutputStream(), true, client, broker);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean fromBroker, Socket client, Socket broker) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromBroker) {
                        waitWhileHeld();
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed: the other goes too.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(client);
                closeQuietly(broker);
            }
        }, fromBroker ? "holding-proxy-down" : "holding-proxy-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void waitWhileHeld() throws InterruptedException {
        synchronized (lock) {
            while (held) {
                lock.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
