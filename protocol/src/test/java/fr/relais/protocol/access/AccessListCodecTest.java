package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the hub writes a node reads back the same, in bytes that do not depend on set order. */
class AccessListCodecTest {
    private final AccessListCodec codec = new AccessListCodec();

    @Test
    void aRichListComesBackEqual() throws AccessListException {
        AccessList list = AccessSamples.rich();

        assertThat(codec.decode(codec.encode(list))).isEqualTo(list);
    }

    @Test
    void deltasKeepTheirBase() throws AccessListException {
        AccessList delta = AccessSamples.delta(11, 12);

        assertThat(codec.decode(codec.encode(delta))).isEqualTo(delta);
    }

    @Test
    void theFormIsCompactOrderedAndReadable() {
        String json = new String(codec.encode(AccessSamples.rich()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"v\":1,\"site\":\"laon-cowork\",\"version\":12,"
                + "\"issuedAt\":\"2026-10-24T22:00:00.123Z\",\"timeZone\":\"Europe/Paris\",\"grants\":[{\"badgeHash\":\""
                + AccessSamples.hash(1) + "\",\"member\":\"m-0042\",\"badgeClass\":\"member\","
                + "\"validFrom\":\"2026-01-01\",\"validUntil\":\"2026-12-31\","
                + "\"doors\":[\"porte-open-space\",\"porte-rue\"],"
                + "\"windows\":[{\"days\":[\"mon\",\"wed\",\"fri\"],\"from\":\"08:00\",\"until\":\"19:30\"},"
                + "{\"days\":[\"sat\"],\"from\":\"00:00\",\"until\":\"24:00\"}],"
                + "\"bookings\":[{\"door\":\"salle-reunion\",\"from\":\"2026-10-25T00:30:00Z\","
                + "\"until\":\"2026-10-25T02:15:00.500Z\"}],\"packDays\":{\"left\":7,\"countedDay\":\"2026-10-24\"}},")
                .contains("\"suspended\":true")
                .endsWith("\"revoked\":[\"" + AccessSamples.hash(8) + "\",\"" + AccessSamples.hash(9) + "\"]}")
                .doesNotContain(" ", "\n");
    }

    @Test
    void theSameListGivesTheSameBytesWhateverTheSetOrder() {
        AccessList list = AccessSamples.rich();
        List<BadgeGrant> grants = new ArrayList<>(list.grants());
        BadgeGrant first = grants.get(0);
        grants.set(0, new BadgeGrant(first.badgeHash(), first.member(), first.badgeClass(), first.validFrom(),
                first.validUntil(), first.suspended(), Set.of("porte-rue", "porte-open-space"),
                List.of(new AccessWindow(Set.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                        LocalTime.of(8, 0), LocalTime.of(19, 30)), first.windows().get(1)),
                first.bookings(), first.packDays()));
        AccessList same = new AccessList(list.site(), list.version(), list.baseVersion(), list.issuedAt(),
                list.timeZone(), grants, Set.of(AccessSamples.hash(8), AccessSamples.hash(9)));

        assertThat(codec.encode(same)).isEqualTo(codec.encode(list));
    }

    @Test
    void theHubCannotWriteAListANodeWouldRefuse() {
        List<String> doors = new ArrayList<>();
        for (int i = 0; i <= AccessListCodec.MAX_DOORS; i++) {
            doors.add("porte-" + i);
        }
        BadgeGrant tooManyDoors = new BadgeGrant(AccessSamples.hash(1), "m-1", BadgeClass.MEMBER, Optional.empty(),
                Optional.empty(), false, Set.copyOf(doors), List.of(), List.of(), Optional.empty());
        AccessList list = new AccessList(AccessSamples.SITE, 1, Optional.empty(), AccessSamples.rich().issuedAt(),
                AccessSamples.PARIS, List.of(tooManyDoors), Set.of());

        assertThatThrownBy(() -> codec.encode(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65 doors, at most 64");
    }

    @Test
    void windowsAreWholeMinutes() {
        assertThatThrownBy(() -> new AccessWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0, 30), LocalTime.NOON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole minute");
    }
}
