package fr.relais.bench.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Reads one API address a number of times with a bearer token, as the dashboard does; the milliseconds of each. */
final class ApiTimer {
    record Figures(double p50, double p95) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String token;
    private final int runs;

    ApiTimer(int port, String token, int runs) {
        this.port = port;
        this.token = token;
        this.runs = runs;
    }

    /** One unmeasured read (the first compiles the route's code), then {@code runs} measured ones. */
    Figures time(String path) throws IOException, InterruptedException {
        read(path);
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            read(path);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return new Figures(percentile(millis, 50), percentile(millis, 95));
    }

    private void read(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static double percentile(double[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
