package fr.relais.agent.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs an error the first time it happens, then at most once a minute with how many times it
 * happened meanwhile: a full SD card fails every write, and a line per failed write would
 * fill the journal (on the same card) in minutes.
 */
public final class RepeatedErrors {
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> seen = new HashMap<>();

    public RepeatedErrors(Logger log) {
        this(log, System::nanoTime);
    }

    RepeatedErrors(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /**
     * @param key     what makes two errors "the same" (the place and the error code)
     * @param message logged as is the first time, then with the number of repeats
     * @return whether it was logged now
     */
    public synchronized boolean error(String key, String message) {
        long now = nanoTime.getAsLong();
        long[] state = seen.get(key);
        if (state == null) {
            seen.put(key, new long[] {now, 0});
            log.error(message);
            return true;
        }
        if (now - state[0] < WINDOW_NANOS) {
            state[1]++;
            return false;
        }
        log.error("{} (and {} more times in the last {} s)", message, state[1],
                TimeUnit.NANOSECONDS.toSeconds(now - state[0]));
        state[0] = now;
        state[1] = 0;
        return true;
    }

    /** The trouble is over: the next occurrence is logged at once again. Returns whether it was seen. */
    public synchronized boolean clear(String keyPrefix) {
        return seen.keySet().removeIf(key -> key.startsWith(keyPrefix));
    }
}
