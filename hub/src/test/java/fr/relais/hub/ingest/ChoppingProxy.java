package fr.relais.hub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a broker that hands what the broker sends to the client in
 * small pieces of varied sizes, each written and flushed on its own (no Nagle), so that MQTT
 * packets reach the client split anywhere: inside the fixed header, inside the remaining length,
 * inside the topic or payload. The client's own bytes go to the broker unchanged.
 */
final class ChoppingProxy implements AutoCloseable {
    /** Mostly a few bytes, now and then a larger piece, so both tiny and partial reads happen. */
    private static final int[] PIECES = {1, 1, 2, 3, 5, 7, 13, 64, 700, 1500, 8000};

    private final ServerSocket server;
    private final int brokerPort;
    private final Random random;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ChoppingProxy(int brokerPort, long seed) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.brokerPort = brokerPort;
        this.random = new Random(seed);
        Thread accept = new Thread(this::accept, "chopping-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort));
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(broker);
                pump(client.getInputStream(), broker.getOutputStream(), false, "chopping-proxy-up");
                pump(broker.getInputStream(), client.getOutputStream(), true, "chopping-proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean chop, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    int at = 0;
                    while (at < read) {
                        int piece = chop ? Math.min(read - at, piece()) : read - at;
                        out.write(buffer, at, piece);
                        out.flush();
                        at += piece;
                    }
                }
            } catch (IOException e) {
                // One side closed: the other goes too.
            } finally {
                closeQuietly();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized int piece() {
        return PIECES[random.nextInt(PIECES.length)];
    }

    private void closeQuietly() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeQuietly();
    }
}
