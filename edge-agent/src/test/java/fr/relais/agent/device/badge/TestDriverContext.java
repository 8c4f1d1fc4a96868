package fr.relais.agent.device.badge;

import fr.relais.agent.device.DriverContext;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** What a node gives its drivers, for a driver used on its own in a test. */
final class TestDriverContext implements DriverContext {
    static final BadgeHasher HASHER = BadgeHasher.forTests();

    @Override
    public String node() {
        return "rozoy-pi";
    }

    @Override
    public String site() {
        return "rozoy";
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public BadgeHasher badges() {
        return HASHER;
    }

    @Override
    public ScheduledExecutorService timers() {
        return Executors.newSingleThreadScheduledExecutor();
    }

    @Override
    public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
        return opener.get();
    }

    @Override
    public boolean replayingBacklog() {
        return false;
    }
}
