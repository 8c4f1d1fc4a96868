package fr.relais.agent.device.probe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The throughput test: downloads {@code url}, bounded twice, so that a test never costs a metered
 * line more than it was allowed: at {@code maxBytes} the connection is closed, at
 * {@code maxSeconds} (counted from the request, handshakes included) too, and what came so far is
 * the measurement, marked as such. A connection that breaks mid-way gives a partial result, not
 * nothing. Nothing downloaded is kept.
 */
final class Download {
    private final ThroughputSettings settings;
    private final SSLContext ssl;
    private final Executor executor;

    Download(ThroughputSettings settings, SSLContext ssl, Executor executor) {
        this.settings = settings;
        this.ssl = ssl;
        this.executor = executor;
    }

    ThroughputResult run() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.maxDuration()).sslContext(ssl)
                .executor(executor).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(settings.url()).header("User-Agent", FirstByteTimer.USER_AGENT)
                .GET().build();
        ByteCounter counter = new ByteCounter(settings.maxBytes());
        AtomicInteger refusedStatus = new AtomicInteger();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, info -> {
            if (info.statusCode() / 100 == 2) {
                return counter;
            }
            refusedStatus.set(info.statusCode());
            return HttpResponse.BodySubscribers.discarding();
        });
        try {
            exchange.get(settings.maxDuration().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            counter.stop();
            exchange.cancel(true);
            if (!counter.answered()) {
                return ThroughputResult.failed(new Failure(FailureKind.TIMEOUT,
                        "no answer within " + settings.maxDuration().toSeconds() + " s"));
            }
        } catch (ExecutionException e) {
            if (!counter.answered()) {
                return ThroughputResult.failed(Failure.of(e));
            }
            counter.onError(e.getCause());
        } catch (InterruptedException e) {
            counter.stop();
            exchange.cancel(true);
            throw e;
        }
        if (refusedStatus.get() != 0) {
            return ThroughputResult.failed(new Failure(FailureKind.HTTP_STATUS, "HTTP " + refusedStatus.get()));
        }
        return counter.result();
    }
}
