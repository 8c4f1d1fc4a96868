package fr.relais.agent.device.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Time to first byte of an HTTPS request to the hub, as a visitor's first page would see it: the
 * name lookup, the TCP and TLS handshakes, the request and the hub's answer, up to the first byte
 * of its body. A client is made for each request so that no connection is reused from the last
 * poll (which would leave the handshakes out, one time in two); an unreferenced JDK client's
 * selector thread ends by itself. Once the first byte is in, the rest is not read.
 */
final class FirstByteTimer {
    static final String USER_AGENT = "relais-probe";

    private final URI url;
    private final Duration timeout;
    private final SSLContext ssl;
    private final Executor executor;

    FirstByteTimer(URI url, Duration timeout, SSLContext ssl, Executor executor) {
        this.url = url;
        this.timeout = timeout;
        this.ssl = ssl;
        this.executor = executor;
    }

    /** Starts the request; the answer never completes exceptionally and comes within the timeout. */
    CompletableFuture<HttpsResult> start() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).sslContext(ssl).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT).GET().build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<Double>> exchange = client.sendAsync(request, info -> new FirstByte(start));
        HttpsResult late = HttpsResult.failed(new Failure(FailureKind.TIMEOUT,
                "no first byte within " + timeout.toMillis() + " ms"));
        return exchange.handle((response, error) -> error == null
                        ? HttpsResult.answered(response.statusCode(), response.body())
                        : HttpsResult.failed(Failure.of(error)))
                .completeOnTimeout(late, timeout.toMillis(), TimeUnit.MILLISECONDS)
                // Ends a request still waiting at the deadline (a no-op once it has ended).
                .whenComplete((result, error) -> exchange.cancel(true));
    }

    /** Completes with the elapsed time at the first byte of the body, then stops reading. */
    private static final class FirstByte implements HttpResponse.BodySubscriber<Double> {
        private final long start;
        private final CompletableFuture<Double> firstByte = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstByte(long start) {
            this.start = start;
        }

        @Override
        public CompletionStage<Double> getBody() {
            return firstByte;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            if (item.stream().anyMatch(ByteBuffer::hasRemaining)) {
                firstByte.complete(Elapsed.millisSince(start));
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            firstByte.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            firstByte.complete(Elapsed.millisSince(start));
        }
    }
}
