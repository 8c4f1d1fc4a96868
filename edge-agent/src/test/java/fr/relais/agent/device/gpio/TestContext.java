package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.badge.BadgeHasher;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** A driver context for one device under test: a movable clock, real timers, the mock board. */
final class TestContext implements DriverContext, AutoCloseable {
    final MovableClock clock;
    private final GpioBoard board;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    TestContext(MovableClock clock, GpioBoard board) {
        this.clock = clock;
        this.board = board;
    }

    @Override
    public String node() {
        return "test-pi";
    }

    @Override
    public String site() {
        return "test-site";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public BadgeHasher badges() {
        return BadgeHasher.forTests();
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
        return type.cast(board);
    }

    @Override
    public boolean replayingBacklog() {
        return false;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        board.close();
    }
}
