package fr.relais.agent.access;

import static fr.relais.agent.access.AccessFixtures.DOOR;
import static fr.relais.agent.access.AccessFixtures.ROOM;
import static fr.relais.agent.access.AccessFixtures.hash;
import static fr.relais.agent.access.AccessFixtures.member;
import static fr.relais.agent.access.AccessFixtures.window;
import static fr.relais.protocol.access.AccessReason.BOOKING;
import static fr.relais.protocol.access.AccessReason.EXPIRED;
import static fr.relais.protocol.access.AccessReason.HOURS;
import static fr.relais.protocol.access.AccessReason.NOT_YET_VALID;
import static fr.relais.protocol.access.AccessReason.NO_BOOKING;
import static fr.relais.protocol.access.AccessReason.OUTSIDE_HOURS;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.access.AccessFixtures.Grant;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessReason;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Daylight saving in Europe/Paris, with the instants written out in UTC so the test does not lean
 * on the conversion it checks. 2026: clocks go forward on Sunday 29 March at 01:00Z (02:00 CET
 * becomes 03:00 CEST) and back on Sunday 25 October at 01:00Z (03:00 CEST becomes 02:00 CET).
 */
class DoorDecisionsDstTest {
    private static final DayOfWeek SUNDAY = DayOfWeek.SUNDAY;

    record Row(String name, Grant grant, String door, String utc, AccessReason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Grant grant, String utc, AccessReason expected) {
        return new Row(name, grant, DOOR, utc, expected);
    }

    static Grant sunday(String from, String until) {
        return member(1).windows(window(from, until, SUNDAY));
    }

    static Stream<Row> rows() {
        return Stream.of(
                // 08:00-20:00 on the spring Sunday is 06:00Z-18:00Z (summer time already)
                row("spring Sunday 07:59:59 local", sunday("08:00", "20:00"), "2026-03-29T05:59:59Z", OUTSIDE_HOURS),
                row("spring Sunday 08:00 local", sunday("08:00", "20:00"), "2026-03-29T06:00:00Z", HOURS),
                row("spring Sunday 19:59:59 local", sunday("08:00", "20:00"), "2026-03-29T17:59:59Z", HOURS),
                row("spring Sunday 20:00 local", sunday("08:00", "20:00"), "2026-03-29T18:00:00Z", OUTSIDE_HOURS),
                row("the Saturday before is still winter: 08:00 is 07:00Z",
                        member(1).windows(window("08:00", "20:00", DayOfWeek.SATURDAY)), "2026-03-28T06:59:59Z",
                        OUTSIDE_HOURS),
                row("the Saturday before at 07:00Z", member(1).windows(window("08:00", "20:00", DayOfWeek.SATURDAY)),
                        "2026-03-28T07:00:00Z", HOURS),
                // 08:00-20:00 on the autumn Sunday is 07:00Z-19:00Z (winter time again)
                row("autumn Sunday 06:59:59Z is 07:59:59 local", sunday("08:00", "20:00"), "2026-10-25T06:59:59Z",
                        OUTSIDE_HOURS),
                row("autumn Sunday 07:00Z is 08:00 local", sunday("08:00", "20:00"), "2026-10-25T07:00:00Z", HOURS),
                row("autumn Sunday 18:59:59Z is 19:59:59 local", sunday("08:00", "20:00"), "2026-10-25T18:59:59Z", HOURS),
                row("autumn Sunday 19:00Z is 20:00 local", sunday("08:00", "20:00"), "2026-10-25T19:00:00Z",
                        OUTSIDE_HOURS),
                // spring night: 02:00-03:00 does not exist
                row("spring 00:59:59Z is 01:59:59 CET, before a 02:00-03:00 window", sunday("02:00", "03:00"),
                        "2026-03-29T00:59:59Z", OUTSIDE_HOURS),
                row("spring 01:00Z is 03:00 CEST, after it", sunday("02:00", "03:00"), "2026-03-29T01:00:00Z",
                        OUTSIDE_HOURS),
                row("a 01:30-02:30 window holds 01:59:59 CET", sunday("01:30", "02:30"), "2026-03-29T00:59:59Z", HOURS),
                row("a 01:30-02:30 window ends at the jump", sunday("01:30", "02:30"), "2026-03-29T01:00:00Z",
                        OUTSIDE_HOURS),
                row("a 02:30-03:30 window starts at the jump (03:00 CEST)", sunday("02:30", "03:30"),
                        "2026-03-29T01:00:00Z", HOURS),
                row("a 02:30-03:30 window is shut at 01:59:59 CET", sunday("02:30", "03:30"), "2026-03-29T00:59:59Z",
                        OUTSIDE_HOURS),
                // autumn night: 02:00-03:00 happens twice, both inside
                row("autumn 23:59:59Z Saturday is 01:59:59 CEST", sunday("02:00", "03:00"), "2026-10-24T23:59:59Z",
                        OUTSIDE_HOURS),
                row("autumn 00:00Z is the first 02:00 (CEST)", sunday("02:00", "03:00"), "2026-10-25T00:00:00Z", HOURS),
                row("autumn 00:59:59Z is the first 02:59:59", sunday("02:00", "03:00"), "2026-10-25T00:59:59Z", HOURS),
                row("autumn 01:00Z is the second 02:00 (CET)", sunday("02:00", "03:00"), "2026-10-25T01:00:00Z", HOURS),
                row("autumn 01:59:59Z is the second 02:59:59", sunday("02:00", "03:00"), "2026-10-25T01:59:59Z", HOURS),
                row("autumn 02:00Z is 03:00 CET", sunday("02:00", "03:00"), "2026-10-25T02:00:00Z", OUTSIDE_HOURS),
                // bookings are instants: a slot across the jump lasts what it says
                new Row("booking across the spring jump", member(1).booking(ROOM, "2026-03-29T00:30:00Z",
                        "2026-03-29T01:30:00Z"), ROOM, "2026-03-29T01:15:00Z", BOOKING),
                new Row("booking across the spring jump, ended", member(1).booking(ROOM, "2026-03-29T00:30:00Z",
                        "2026-03-29T01:30:00Z"), ROOM, "2026-03-29T01:30:00Z", NO_BOOKING),
                // validity at local midnight: summer (UTC+2), winter (UTC+1), and the DST Saturday
                row("valid until 10 June at 23:59:59 CEST", allDay().validUntil("2026-06-10"), "2026-06-10T21:59:59Z",
                        HOURS),
                row("expired at 00:00 CEST on 11 June", allDay().validUntil("2026-06-10"), "2026-06-10T22:00:00Z",
                        EXPIRED),
                row("not yet valid at 23:59:59 CEST on 10 June", allDay().validFrom("2026-06-11"),
                        "2026-06-10T21:59:59Z", NOT_YET_VALID),
                row("valid from 00:00 CEST on 11 June", allDay().validFrom("2026-06-11"), "2026-06-10T22:00:00Z",
                        HOURS),
                row("valid until 31 Dec at 23:59:59 CET", allDay().validUntil("2026-12-31"), "2026-12-31T22:59:59Z",
                        HOURS),
                row("expired at 00:00 CET on 1 Jan", allDay().validUntil("2026-12-31"), "2026-12-31T23:00:00Z", EXPIRED),
                row("valid until the spring Saturday, last second (CET)", allDay().validUntil("2026-03-28"),
                        "2026-03-28T22:59:59Z", HOURS),
                row("expired on the spring Sunday's first second", allDay().validUntil("2026-03-28"),
                        "2026-03-28T23:00:00Z", EXPIRED),
                row("valid from the autumn Sunday, 00:00 CEST", allDay().validFrom("2026-10-25"),
                        "2026-10-24T22:00:00Z", HOURS),
                row("not yet valid a second before", allDay().validFrom("2026-10-25"), "2026-10-24T21:59:59Z",
                        NOT_YET_VALID));
    }

    static Grant allDay() {
        return member(1).windows(window("00:00", "00:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesInLocalTime(Row row) {
        assertThat(decide(row.grant(), row.door(), Instant.parse(row.utc())).reason()).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0} -> {2} granted minutes")
    @MethodSource("nights")
    void aNightWindowLastsWhatTheClocksSay(String night, Grant grant, int grantedMinutes) {
        Instant start = Instant.parse(night);
        int granted = 0;
        for (int minute = 0; minute < 6 * 60; minute++) {
            if (decide(grant, DOOR, start.plus(Duration.ofMinutes(minute))).granted()) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(grantedMinutes);
    }

    static Stream<Arguments> nights() {
        return Stream.of(
                Arguments.of("2026-03-28T22:00:00Z", sunday("02:00", "03:00"), 0),
                Arguments.of("2026-03-28T22:00:00Z", sunday("01:00", "04:00"), 120),
                Arguments.of("2026-10-24T21:00:00Z", sunday("02:00", "03:00"), 120),
                Arguments.of("2026-10-24T21:00:00Z", sunday("01:00", "04:00"), 240),
                Arguments.of("2026-06-13T21:00:00Z", sunday("02:00", "03:00"), 60));
    }

    private static DoorDecision decide(Grant grant, String door, Instant now) {
        AccessList list = AccessFixtures.list(grant.build());
        return DoorDecisions.decide(Optional.of(list), now.minusSeconds(60), hash(1), door, now,
                AccessPolicy.defaults());
    }
}
