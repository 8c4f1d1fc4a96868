package fr.relais.agent.device.probe;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Counts a download's bytes as they come and throws them away (nothing is kept in memory), up to
 * {@code maxBytes}, where it cancels the rest: the connection is closed and the server stops
 * sending. {@link #stop} freezes the count from another thread at the time bound.
 */
final class ByteCounter implements HttpResponse.BodySubscriber<Void> {
    private final long maxBytes;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long bytes;
    private long headersAt;
    private long lastAt;
    private ThroughputResult.Ending ending;
    private Failure failure;

    ByteCounter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        headersAt = System.nanoTime();
        lastAt = headersAt;
        if (ending != null) {
            subscription.cancel();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (ending != null) {
            return;
        }
        long received = items.stream().mapToLong(ByteBuffer::remaining).sum();
        lastAt = System.nanoTime();
        if (bytes + received > maxBytes) {
            bytes = maxBytes;
            finish(ThroughputResult.Ending.BYTE_LIMIT, null);
            subscription.cancel();
            return;
        }
        bytes += received;
    }

    @Override
    public synchronized void onError(Throwable error) {
        finish(ThroughputResult.Ending.DROPPED, Failure.of(error));
    }

    @Override
    public synchronized void onComplete() {
        finish(ThroughputResult.Ending.COMPLETE, null);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return done;
    }

    /** The time bound: keeps what came so far, and closes the connection if the answer has begun. */
    synchronized void stop() {
        if (ending == null) {
            finish(ThroughputResult.Ending.TIME_LIMIT, null);
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** Whether the answer's headers came: a failure after them is a dropped download, not a failed one. */
    synchronized boolean answered() {
        return subscription != null;
    }

    synchronized ThroughputResult result() {
        ThroughputResult.Ending end = ending == null ? ThroughputResult.Ending.TIME_LIMIT : ending;
        return new ThroughputResult(bytes, Math.max(0, lastAt - headersAt) / 1e9, end, Optional.ofNullable(failure));
    }

    private void finish(ThroughputResult.Ending end, Failure why) {
        if (ending == null) {
            ending = end;
            failure = why;
            done.complete(null);
        }
    }
}
