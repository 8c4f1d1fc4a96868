package fr.relais.hub.live;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A server-sent events reader as a test (or a script) would write one: java.net.http and lines,
 * the frames gathered by a thread of its own. Closing it drops the connection, as a lost network does.
 */
final class SseClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One frame: an event (type and data), or the position alone (type null). */
    record Frame(String id, String type, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean finished;
    private int read;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        // Only a stream is read here: another answer's body is the test's to read (the reader consumed and
        // closed a 503's before the test could, which a clean-clone run met once).
        if (response.statusCode() == 200) {
            reader.start();
        } else {
            finished = true;
        }
    }

    /**
     * Opens {@code path} with these headers (name, value, …); returns once the answer's headers
     * are in. A 200 stream is read; any other answer can be looked at with {@link #status()}.
     */
    static SseClient open(int port, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new SseClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    int status() {
        return response.statusCode();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            String data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (id != null || type != null || data != null) {
                        frames.add(new Frame(id, type, data));
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
            // closed by the test: the frames read so far stay
        } finally {
            finished = true;
        }
    }

    /** Every frame so far. */
    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** The events (frames with a type) so far. */
    List<Frame> events() {
        return frames.stream().filter(frame -> frame.type() != null).toList();
    }

    /** The next frame after those already taken that matches, waiting for it; those skipped are taken too. */
    Frame next(Predicate<Frame> wanted) {
        return await().atMost(PATIENCE).until(() -> {
            List<Frame> now = frames();
            while (read < now.size()) {
                Frame frame = now.get(read++);
                if (wanted.test(frame)) {
                    return frame;
                }
            }
            return null;
        }, frame -> frame != null);
    }

    Frame next(String type) {
        return next(frame -> type.equals(frame.type()));
    }

    /** Waits for the stream to be ended by the hub. */
    void awaitEnd() {
        await().atMost(PATIENCE).until(() -> finished);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
