package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A full SD card fails every write: the log says so once, then once a minute, not per write. */
class RepeatedErrorsTest {
    private final AtomicLong now = new AtomicLong();
    private final RepeatedErrors errors = new RepeatedErrors(LoggerFactory.getLogger(RepeatedErrorsTest.class),
            now::get);

    @Test
    void anErrorIsLoggedOnceThenOnceAMinuteWhileItLasts() {
        assertThat(errors.error("disk:SQLITE_FULL", "full")).as("the first time").isTrue();
        for (int i = 0; i < 1_000; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            assertThat(errors.error("disk:SQLITE_FULL", "full")).as("the same error, within the minute").isFalse();
        }
        assertThat(errors.error("disk:SQLITE_IOERR", "io")).as("another error is news").isTrue();
        now.addAndGet(TimeUnit.SECONDS.toNanos(51));
        assertThat(errors.error("disk:SQLITE_FULL", "full")).as("a minute later, with the count").isTrue();
        assertThat(errors.error("disk:SQLITE_FULL", "full")).isFalse();
    }

    @Test
    void onceTheTroubleIsOverTheNextOneIsLoggedAtOnce() {
        assertThat(errors.error("disk:SQLITE_FULL", "full")).isTrue();
        assertThat(errors.clear("disk:")).as("it was seen").isTrue();
        assertThat(errors.error("disk:SQLITE_FULL", "full")).isTrue();
        assertThat(errors.clear("sync:")).as("nothing of that kind was seen").isFalse();
    }
}
