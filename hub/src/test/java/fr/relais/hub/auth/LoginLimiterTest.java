package fr.relais.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.alert.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The limiter's arithmetic on a clock that stands still: who waits, how long, and who never does. */
class LoginLimiterTest {
    private static final String ATTACKER = "203.0.113.7";
    private static final String ADMIN_DESK = "198.51.100.20";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final LoginLimiter limiter = new LoginLimiter(clock);

    /** Takes attempts as failures until one is refused; how many went through. */
    private int failUntilRefused(String username, String client) {
        int taken = 0;
        while (limiter.take(username, client).isEmpty()) {
            taken++;
        }
        return taken;
    }

    @Test
    void aFewFailuresAreFreeThenEachDoublesTheWaitUpToTheCap() {
        assertThat(failUntilRefused("admin", ATTACKER)).isEqualTo(LoginLimiter.FREE_PER_ACCOUNT);
        assertThat(limiter.take("admin", ATTACKER)).contains(Duration.ofSeconds(1));
        long expected = 1;
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(expected));
            assertThat(limiter.take("admin", ATTACKER)).as("allowed once the wait is over").isEmpty();
            expected = Math.min(expected * 2, LoginLimiter.MAX_DELAY.toSeconds());
            assertThat(limiter.take("admin", ATTACKER)).contains(Duration.ofSeconds(expected));
        }
        assertThat(expected).as("capped").isEqualTo(LoginLimiter.MAX_DELAY.toSeconds());
    }

    @Test
    void anotherClientOfTheSameAccountIsNeverHeldUp() {
        for (int round = 0; round < 20; round++) {
            failUntilRefused("admin", ATTACKER);
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(limiter.take("admin", ATTACKER)).as("the attacker waits").isPresent();
        assertThat(limiter.take("admin", ADMIN_DESK)).as("the admin, from their desk, does not").isEmpty();
        limiter.succeeded("admin", ADMIN_DESK);
    }

    @Test
    void aRightPasswordWipesTheClientsRecordOnTheAccount() {
        limiter.take("lea", ADMIN_DESK);
        limiter.take("lea", ADMIN_DESK);
        assertThat(limiter.take("lea", ADMIN_DESK)).isEmpty();
        limiter.succeeded("lea", ADMIN_DESK);
        assertThat(failUntilRefused("lea", ADMIN_DESK)).as("a clean slate again").isEqualTo(LoginLimiter.FREE_PER_ACCOUNT);
    }

    @Test
    void oneClientTryingManyAccountsIsSlowedOnAllOfThemButNoOneElse() {
        int taken = 0;
        for (int account = 0; account < 100 && limiter.take("user" + account, ATTACKER).isEmpty(); account++) {
            taken++;
        }
        assertThat(taken).isEqualTo(LoginLimiter.FREE_PER_CLIENT);
        assertThat(limiter.take("admin", ATTACKER)).as("a name it never tried").isPresent();
        assertThat(limiter.take("admin", ADMIN_DESK)).isEmpty();
    }

    @Test
    void anAttemptThatCouldNotBeJudgedDoesNotCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take("admin", ADMIN_DESK)).isEmpty();
            limiter.gaveBack("admin", ADMIN_DESK);
        }
        assertThat(failUntilRefused("admin", ADMIN_DESK)).isEqualTo(LoginLimiter.FREE_PER_ACCOUNT);
    }

    @Test
    void aRecordIsForgottenADayAfterItsLastFailure() {
        failUntilRefused("admin", ATTACKER);
        clock.advance(LoginLimiter.FORGET_AFTER);
        assertThat(failUntilRefused("admin", ATTACKER)).isEqualTo(LoginLimiter.FREE_PER_ACCOUNT);
    }

    @Test
    void theNameIsOneHoweverSpeltAndAnIpv6ClientIsItsSlash64() {
        failUntilRefused("admin", "2001:db8:1:2::10");
        assertThat(limiter.take("Admin ", "2001:db8:1:2::99")).as("same account, same /64").isPresent();
        assertThat(limiter.take("admin", "2001:db8:1:3::10")).as("another /64").isEqualTo(Optional.empty());
    }
}
