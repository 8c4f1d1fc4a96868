package fr.relais.agent.device.scanner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small eSCL scanner on a free loopback port: {@code GET /eSCL/ScannerStatus} answers what the
 * test last set (a sample document, an HTTP error, a web page), after an optional delay; any
 * other path is a 404, as on a real device.
 */
final class EsclResponder implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private volatile int status = 200;
    private volatile String contentType = "text/xml";
    private volatile byte[] body = new byte[0];
    private volatile Duration delay = Duration.ZERO;

    EsclResponder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean status = exchange.getRequestURI().getPath().equals("/eSCL/ScannerStatus");
            if (status && !delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
            }
            byte[] answer = status ? body : "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status ? contentType : "text/html");
            exchange.sendResponseHeaders(status ? this.status : 404, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** Its eSCL root, as a technician writes it in {@code agent.yaml}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/eSCL";
    }

    /** Answers the sample {@code name} from this package's test resources. */
    EsclResponder sample(String name) {
        return answer(200, "text/xml", resource(name));
    }

    EsclResponder answer(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    EsclResponder delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    static byte[] resource(String name) {
        try (InputStream in = EsclResponder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (handlers.isShutdown()) {
            return;
        }
        server.stop(0);
        handlers.shutdownNow();
    }
}
