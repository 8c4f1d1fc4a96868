package fr.relais.agent.device.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Real peers on 127.0.0.1 for the probe's tests: a listener, a refusing port, a listener whose
 * backlog is full (its SYNs are dropped, so connections time out), a server that accepts and says
 * nothing, and raw HTTP(S) servers whose answers the test writes byte by byte (cut short,
 * throttled, endless). Everything is closed with it.
 */
final class Loopback implements AutoCloseable {
    static final InetAddress HOST = InetAddress.getLoopbackAddress();

    /** Writes one answer on a connection whose request has been read. */
    @FunctionalInterface
    interface Answer {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(Daemons.named("loopback"));

    /** Accepts every connection and closes it at once, as a service that is up. */
    TcpTarget listening() {
        ServerSocket server = server(50);
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                } catch (IOException e) {
                    // Closed by the test.
                }
            }
        });
        return target(server);
    }

    /** A port nobody listens on: the kernel answers every SYN with a reset. */
    TcpTarget refusing() {
        try (ServerSocket server = new ServerSocket(0, 1, HOST)) {
            return new TcpTarget(HOST.getHostAddress(), server.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A listener that never accepts, with a backlog of 1, filled by connections held here: Linux
     * then drops further SYNs (instead of refusing them), so a connection attempt times out as
     * with a blackholed address, yet deterministically and without leaving the machine.
     */
    TcpTarget blackholed() {
        ServerSocket server = server(1);
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            open.add(socket);
            try {
                socket.connect(server.getLocalSocketAddress(), 300);
            } catch (SocketTimeoutException e) {
                return target(server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("the backlog of a listener never filled: is this Linux?");
    }

    /** Accepts connections and holds them without a word (no TLS handshake, no HTTP answer). */
    int silent() {
        ServerSocket server = server(50);
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    open.add(server.accept());
                } catch (IOException e) {
                    // Closed by the test.
                }
            }
        });
        return server.getLocalPort();
    }

    /** Plain HTTP: reads each request's head, then lets {@code answer} write, then closes. */
    Http http(Answer answer) {
        return serve(server(50), answer);
    }

    /** The same over TLS, with the certificate of {@code tls}. */
    Http https(SSLContext tls, Answer answer) {
        try {
            ServerSocket server = tls.getServerSocketFactory().createServerSocket(0, 50, HOST);
            open.add(server);
            return serve(server, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running HTTP server: its port, and the requests it has read. */
    static final class Http {
        final int port;
        final AtomicInteger requests = new AtomicInteger();
        /** Answers whose writing ended because the client went away. */
        final AtomicInteger abandoned = new AtomicInteger();

        Http(int port) {
            this.port = port;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private Http serve(ServerSocket server, Answer answer) {
        Http http = new Http(server.getLocalPort());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    threads.execute(() -> answer(socket, http, answer));
                } catch (IOException e) {
                    // Closed by the test.
                }
            }
        });
        return http;
    }

    private static void answer(Socket socket, Http http, Answer answer) {
        try (socket) {
            readHead(socket.getInputStream());
            http.requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            answer.write(out);
            out.flush();
        } catch (IOException e) {
            http.abandoned.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended before its head");
            }
            head.write(b);
        }
    }

    /** The head of an answer: {@code HTTP/1.1 200 OK} with its length. */
    static void head(OutputStream out, int status, long contentLength) throws IOException {
        out.write(("HTTP/1.1 " + status + " Status\r\nContent-Length: " + contentLength
                + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code count} bytes in chunks of {@code chunk}, pausing {@code pauseMillis} between them. */
    static void body(OutputStream out, long count, int chunk, long pauseMillis) throws IOException, InterruptedException {
        byte[] bytes = new byte[chunk];
        long left = count;
        while (left > 0) {
            int size = (int) Math.min(chunk, left);
            out.write(bytes, 0, size);
            out.flush();
            left -= size;
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
    }

    private ServerSocket server(int backlog) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(HOST, 0), backlog);
            open.add(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TcpTarget target(ServerSocket server) {
        return new TcpTarget(HOST.getHostAddress(), server.getLocalPort());
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(open);
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing what the test opened; nothing to report.
            }
        }
        threads.shutdownNow();
    }
}
