package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever answers at a printer's address instead of a printer (a web server's error, a web
 * page, a socket spitting junk, a peer that never answers, an IPP error): the printer is
 * critical and unreachable with a reason a technician can act on, and reading never throws.
 */
class PrinterGarbageTest {
    /** An IPP/2.0 answer with status client-error-not-found (0x0406), request 1, no attributes. */
    private static final byte[] IPP_NOT_FOUND = {0x02, 0x00, 0x04, 0x06, 0x00, 0x00, 0x00, 0x01, 0x03};

    private HttpServer server;
    private ExecutorService handlers;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private String serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", handler);
        server.start();
        return "ipp://127.0.0.1:" + server.getAddress().getPort() + "/ipp/print";
    }

    private static HttpHandler answer(int status, String contentType, byte[] body) {
        return exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    private static Reading readOnce(String uri, Duration readTimeout) {
        Device device = Printers.ipp(uri, readTimeout);
        Reading reading = device.read(Instant.now());
        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("state", "unreachable").containsEntry("reasons", "unreachable");
        assertThat(reading.events()).singleElement().satisfies(event ->
                assertThat(event.type()).isEqualTo("printer-unreachable"));
        return reading;
    }

    private static String error(Reading reading) {
        return (String) reading.metrics().get("error");
    }

    @Test
    void aWebServersErrorIsItsHttpStatus() throws IOException {
        String uri = serve(answer(500, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8)));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5))))
                .isEqualTo("unreachable: HTTP 500 from " + uri.replace("ipp:", "http:"));
    }

    @Test
    void aWebPageIsNotAnIppAnswer() throws IOException {
        String uri = serve(answer(200, "text/html; charset=utf-8",
                "<html><body><h1>Box internet</h1></body></html>".getBytes(StandardCharsets.UTF_8)));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5))))
                .isEqualTo("unreachable: not an IPP answer (text/html; charset=utf-8 instead of application/ipp)");
    }

    @Test
    void garbledIppIsSaidSo() throws IOException {
        byte[] junk = new byte[300];
        new Random(7).nextBytes(junk);
        junk[0] = 0x02;
        String uri = serve(answer(200, "application/ipp", junk));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5)))).startsWith("unreachable: garbled IPP answer (300 bytes: ");
    }

    @Test
    void anIppErrorStatusIsNamed() throws IOException {
        String uri = serve(answer(200, "application/ipp", IPP_NOT_FOUND));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5))))
                .isEqualTo("unreachable: IPP error client-error-not-found (0x406)");
    }

    @Test
    void anAnswerWithoutPrinterAttributesIsUnusable() throws IOException {
        byte[] emptyOk = {0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03};
        String uri = serve(answer(200, "application/ipp", emptyOk));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5))))
                .isEqualTo("unreachable: the IPP answer holds no printer attributes");
    }

    @Test
    void anEndlessAnswerIsCutBeforeItFillsTheMemory() throws IOException {
        String uri = serve(answer(200, "application/ipp", new byte[IppClient.MAX_ANSWER_BYTES + 1]));

        assertThat(error(readOnce(uri, Duration.ofSeconds(5))))
                .isEqualTo("unreachable: answer larger than " + IppClient.MAX_ANSWER_BYTES + " bytes");
    }

    @Test
    void aPeerThatNeverAnswersRunsOutOfTimeWithinTheReadTimeout() throws IOException {
        String uri = serve(exchange -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(error(readOnce(uri, Duration.ofSeconds(1))))
                .as("four fifths of the device's 1 s read timeout").isEqualTo("unreachable: no answer within 0.8 s");
    }

    @Test
    void aSocketSpittingJunkIsNotAnHttpAnswer() throws Exception {
        try (ServerSocket junk = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread spitter = new Thread(() -> {
                while (!junk.isClosed()) {
                    try (Socket socket = junk.accept()) {
                        byte[] bytes = new byte[2048];
                        new Random(3).nextBytes(bytes);
                        socket.getOutputStream().write(bytes);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            spitter.setDaemon(true);
            spitter.start();

            Reading reading = readOnce("ipp://127.0.0.1:" + junk.getLocalPort() + "/ipp/print", Duration.ofSeconds(5));

            assertThat(error(reading)).startsWith("unreachable: not an HTTP answer");
            assertThat(error(reading)).as("its junk is not quoted as it came").matches("[\\x20-\\x7E]*");
        }
    }
}
