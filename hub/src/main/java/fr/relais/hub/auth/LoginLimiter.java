package fr.relais.hub.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing down: a few failed logins per minute for one user name, a few more
 * for one remote address (several technicians may share an office's address), then
 * {@code 429} until the bucket refills. Bucket4j's token buckets say exactly when the next
 * attempt is allowed, which becomes the {@code Retry-After} header.
 *
 * <p>The counts live in this hub's memory: several hubs behind one address each count their
 * own, which multiplies the allowance by their number but still bounds it.
 */
final class LoginLimiter {
    static final int FAILURES_PER_USER = 5;
    static final int FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Keeps memory bounded whatever names an attacker tries; the least recently used are forgotten. */
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** How long to wait before trying again, or empty if an attempt is allowed now. */
    synchronized Optional<Duration> retryAfter(String username, String address) {
        long nanos = Math.max(wait(userKey(username)), wait(addressKey(address)));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    synchronized void failed(String username, String address) {
        bucket(userKey(username), FAILURES_PER_USER).tryConsume(1);
        bucket(addressKey(address), FAILURES_PER_ADDRESS).tryConsume(1);
    }

    private long wait(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        return Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, WINDOW).build())
                .build());
    }

    private static String userKey(String username) {
        return "user:" + username.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
