package fr.relais.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A client of {@code GET /api/live} as a script writes one: java.net.http, a bearer token, the
 * lines read on a thread of its own; each event handed over with the instant its data line was
 * read. {@link #close()} drops the connection, as a lost network would.
 */
final class LiveStream implements AutoCloseable {
    /** One event; {@code readAt} is this machine's clock when its last line came in. */
    record Received(String id, String type, String data, long readAt) {
    }

    private final HttpResponse<InputStream> response;
    private final Thread reader;
    private volatile String lastId;

    private LiveStream(HttpResponse<InputStream> response, Consumer<Received> events) {
        this.response = response;
        this.reader = new Thread(() -> read(events), "bench-live-stream");
        reader.setDaemon(true);
        reader.start();
    }

    static LiveStream open(int port, String token, String lastEventId, Consumer<Received> events)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live"))
                .header("authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("/api/live answered " + response.statusCode() + ": " + body);
        }
        return new LiveStream(response, events);
    }

    /** The last id the stream gave (an event's, or the position it starts with). */
    String lastId() {
        return lastId;
    }

    private void read(Consumer<Received> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            String data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastId = id;
                    }
                    if (type != null) {
                        events.accept(new Received(id, type, data, System.currentTimeMillis()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        } catch (IOException e) {
            // dropped by the benchmark: what was read stays
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
