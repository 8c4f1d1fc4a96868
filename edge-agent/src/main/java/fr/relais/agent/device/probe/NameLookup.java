package fr.relais.agent.device.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves names through the system's resolver (so {@code /etc/hosts}, the box's DNS and any
 * local cache count, as for every program on the node), within a bound of time.
 *
 * <p>The system resolver cannot be interrupted and may wait 5 s per server and attempt: a lookup
 * runs on a thread of its own and is given up, not stopped, at the deadline; a few such threads
 * at most ({@link #MAX_PENDING}), so a resolver that never answers cannot pile them up.
 *
 * <p>The JVM keeps its own cache of answers; see {@link JvmDnsCache} for why each lookup here
 * reaches the resolver.
 */
final class NameLookup implements AutoCloseable {
    static final int MAX_PENDING = 8;

    /** The system's resolver; a test may give another. */
    @FunctionalInterface
    interface Resolver {
        InetAddress resolve(String name) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final ExecutorService threads;

    NameLookup(Resolver resolver, String deviceId) {
        this.resolver = resolver;
        this.threads = new ThreadPoolExecutor(0, MAX_PENDING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Daemons.named("probe-dns-" + deviceId));
    }

    static NameLookup system(String deviceId) {
        return new NameLookup(InetAddress::getByName, deviceId);
    }

    /** Every name at once, each given up at {@code timeout}; in the order given, each once. */
    Map<String, Lookup> resolveAll(List<String> names, Duration timeout) throws InterruptedException {
        Map<String, Future<Lookup>> started = new LinkedHashMap<>();
        Map<String, Lookup> done = new LinkedHashMap<>();
        for (String name : names) {
            if (started.containsKey(name) || done.containsKey(name)) {
                continue;
            }
            try {
                started.put(name, threads.submit(() -> resolve(name)));
            } catch (RejectedExecutionException e) {
                done.put(name, Lookup.failed(name, new Failure(FailureKind.TIMEOUT,
                        MAX_PENDING + " earlier lookups still wait for the resolver")));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Future<Lookup>> lookup : started.entrySet()) {
            done.put(lookup.getKey(), await(lookup.getKey(), lookup.getValue(), deadline, timeout));
        }
        Map<String, Lookup> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, done.get(name)));
        return ordered;
    }

    private Lookup resolve(String name) {
        long start = System.nanoTime();
        try {
            InetAddress address = resolver.resolve(name);
            return Lookup.resolved(name, address, Elapsed.millisSince(start));
        } catch (UnknownHostException | RuntimeException e) {
            return Lookup.failed(name, Failure.of(e));
        }
    }

    private static Lookup await(String name, Future<Lookup> lookup, long deadline, Duration timeout)
            throws InterruptedException {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return Lookup.failed(name, new Failure(FailureKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return Lookup.failed(name, Failure.of(e));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
