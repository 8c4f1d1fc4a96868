package fr.relais.hub.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing down without letting anyone lock an account out.
 *
 * <p>Failures are counted per account <em>and client</em> (the client as {@link TrustedProxies}
 * resolves it), and per client across accounts (a looser bound, for one client trying many
 * names). A few failures are free; then each one doubles the wait before the next attempt from
 * that client, up to {@link #MAX_DELAY}. Another client, the admin at their desk, has its own
 * clean record and is never refused because someone else failed.
 *
 * <p>An attempt is taken <em>before</em> the ~0.3 s of BCrypt work, as if it had failed, and given
 * back when the password was right: thirty guesses sent at once thus find the record already
 * charged and get {@code 429}, instead of all being evaluated before the first one is counted.
 *
 * <p>Bucket4j's token buckets, used before, refill at a fixed rate; a doubling delay and a charge
 * given back are simpler written here than bent onto buckets, so that dependency went.
 *
 * <p>The counts live in this hub's memory: several hubs behind one proxy each count their own,
 * which multiplies the allowance by their number but still bounds it.
 */
final class LoginLimiter {
    /** Failures of one client on one account before it has to wait. */
    static final int FREE_PER_ACCOUNT = 3;
    /** Failures of one client across all accounts before it has to wait. */
    static final int FREE_PER_CLIENT = 10;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** A record without a failure for this long is forgotten: the client starts clean again. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    /** Keeps memory bounded whatever names and addresses an attacker tries; the least recently used go. */
    private static final int MAX_KEYS = 20_000;

    private final Clock clock;
    private final Map<String, Backoff> records = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Backoff> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes an attempt of {@code client} on {@code username}: empty if it may check the password
     * now (then report {@link #succeeded} or {@link #gaveBack}; a failure needs nothing more),
     * else how long to wait, and nothing is counted.
     */
    synchronized Optional<Duration> take(String username, String client) {
        long now = clock.millis();
        Backoff account = record(accountKey(username, client), now);
        Backoff anyAccount = record(clientKey(client), now);
        long wait = Math.max(account.nextAt, anyAccount.nextAt) - now;
        if (wait > 0) {
            return Optional.of(Duration.ofMillis(wait));
        }
        account.charge(now, FREE_PER_ACCOUNT);
        anyAccount.charge(now, FREE_PER_CLIENT);
        return Optional.empty();
    }

    /** The password was right: this client's record on the account is wiped, and one failure given back overall. */
    synchronized void succeeded(String username, String client) {
        records.remove(accountKey(username, client));
        refund(clientKey(client), FREE_PER_CLIENT);
    }

    /** The attempt could not be judged (a database error): it does not count. */
    synchronized void gaveBack(String username, String client) {
        refund(accountKey(username, client), FREE_PER_ACCOUNT);
        refund(clientKey(client), FREE_PER_CLIENT);
    }

    private void refund(String key, int free) {
        Backoff backoff = records.get(key);
        if (backoff != null && backoff.refund(free)) {
            records.remove(key);
        }
    }

    private Backoff record(String key, long now) {
        Backoff backoff = records.computeIfAbsent(key, k -> new Backoff());
        if (backoff.failures > 0 && now - backoff.lastAt >= FORGET_AFTER.toMillis()) {
            backoff.failures = 0;
            backoff.nextAt = 0;
        }
        return backoff;
    }

    /** How long the next attempt waits after {@code failures} of them, {@code free} of which cost nothing. */
    static long delayMillis(int failures, int free) {
        if (failures < free) {
            return 0;
        }
        int doublings = failures - free;
        long first = FIRST_DELAY.toMillis();
        long max = MAX_DELAY.toMillis();
        return doublings >= 30 ? max : Math.min(max, first << doublings);
    }

    private static String accountKey(String username, String client) {
        return "account:" + username.trim().toLowerCase(Locale.ROOT) + " from " + TrustedProxies.limiterKey(client);
    }

    private static String clientKey(String client) {
        return "client:" + TrustedProxies.limiterKey(client);
    }

    /** One key's failures; guarded by the limiter's lock. */
    private static final class Backoff {
        int failures;
        long lastAt;
        long nextAt;

        void charge(long now, int free) {
            failures++;
            lastAt = now;
            nextAt = now + delayMillis(failures, free);
        }

        /** Takes one failure back; true once none is left. */
        boolean refund(int free) {
            failures = Math.max(0, failures - 1);
            nextAt = failures == 0 ? 0 : lastAt + delayMillis(failures, free);
            return failures == 0;
        }
    }
}
