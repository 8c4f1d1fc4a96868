package fr.relais.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the hub's database while the hub ingests, with the command the person running the
 * benchmark gives (e.g. {@code systemctl restart postgresql}, or {@code pg_ctl … restart}): the
 * {@code k}-th of {@code n} restarts once the hub has stored {@code k/(n+1)} of the readings, so
 * every restart falls in the middle of ingestion whatever its speed. While the database is down
 * the hub's API cannot check credentials: a failed reading of its progress is only skipped.
 */
final class DatabaseRestarts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestarts.class);
    private static final long POLL_MILLIS = 100;

    private final String command;
    private final int times;
    private final List<String> failures = new ArrayList<>();
    private Thread thread;
    private volatile boolean stopping;
    private volatile int done;

    DatabaseRestarts(String command, int times) {
        this.command = command;
        this.times = times;
    }

    /** Starts restarting in the background as {@code progress} approaches {@code total}. */
    void start(Arrivals.Counter progress, long total) {
        if (times == 0) {
            return;
        }
        thread = new Thread(() -> run(progress, total), "bench-database-restarts");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Arrivals.Counter progress, long total) {
        for (int k = 1; k <= times && !stopping; k++) {
            long threshold = total * k / (times + 1);
            while (!stopping && read(progress) < threshold) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!stopping) {
                restart(k);
            }
        }
    }

    private static long read(Arrivals.Counter progress) {
        try {
            return progress.count();
        } catch (Exception e) {
            return -1; // the hub's API needs the database for credentials: down, it is read again later
        }
    }

    private void restart(int k) {
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                synchronized (failures) {
                    failures.add("restart " + k + ": " + output);
                }
                return;
            }
            done++;
            LOG.info("database restart {} of {} took {} ms", k, times,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (java.io.IOException e) {
            synchronized (failures) {
                failures.add("restart " + k + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Restarts that succeeded. */
    int done() {
        return done;
    }

    /** Why restarts failed, if any did. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Waits for a restart under way, then stops. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(150));
        }
    }
}
