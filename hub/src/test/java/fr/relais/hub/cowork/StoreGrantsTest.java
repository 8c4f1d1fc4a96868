package fr.relais.hub.cowork;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.access.SiteGrants;
import fr.relais.hub.db.Database;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Severity;
import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BookingSlot;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the doors of a site are given, from the coworking data as the stores keep it. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class StoreGrantsTest {
    private static final String SITE = "rozoy";
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final AccessWindow WEEKDAYS = new AccessWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(20, 0));

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase test;
    private Database database;
    private CoworkSql sql;
    private StoreGrants grants;
    private final List<String> changed = new ArrayList<>();

    @BeforeEach
    void open(@TempDir Path dir) {
        test = TestDatabase.create(kind, dir);
        database = Database.open(test.url());
        sql = new CoworkSql(database.coworking());
        grants = StoreGrants.of(database.coworking());
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        test.close();
    }

    private Plan plan(String id, String kind, LocalDate from, LocalDate until, Integer packDays) {
        return new PlanStore(sql).create(new Plan(id, SITE, id, kind, List.of("door-1"), List.of(WEEKDAYS), from, until,
                packDays, 1L));
    }

    private void member(String id, String status, String planId, Integer packDays) {
        new MemberStore(sql).create(new Member(id, SITE, "Membre " + id, null, null, planId, status, null, packDays, 1L));
    }

    private void badge(String id, String member, char fill, String badgeClass, String status, LocalDate from,
                       LocalDate until) {
        String hash = String.valueOf(fill).repeat(64);
        new BadgeStore(sql).create(new Badge(id, SITE, member, hash, Badge.labelOf(hash), badgeClass, from, until,
                status, 1L));
    }

    private BadgeGrant grant(SiteGrants site, char fill) {
        String hash = String.valueOf(fill).repeat(64);
        return site.grants().stream().filter(g -> g.badgeHash().equals(hash)).findFirst().orElseThrow();
    }

    @Test
    void aGrantOpensThePlansDoorsInItsWindowsWithinBothValidities() {
        plan("mensuel", "monthly", LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"), null);
        member("lucie", "active", "mensuel", null);
        badge("b1", "lucie", 'a', "member", "active", null, LocalDate.parse("2027-06-30"));
        badge("b2", "lucie", 'b', "member", "active", LocalDate.parse("2026-06-01"), null);

        SiteGrants site = grants.grants(SITE, NOW);
        assertThat(site.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(site.revokedHashes()).isEmpty();
        BadgeGrant first = grant(site, 'a');
        assertThat(first.member()).isEqualTo("lucie");
        assertThat(first.badgeClass()).isEqualTo(BadgeGrant.BadgeClass.MEMBER);
        assertThat(first.doors()).containsExactly("door-1");
        assertThat(first.windows()).containsExactly(WEEKDAYS);
        assertThat(first.validFrom()).contains(LocalDate.parse("2026-01-01"));
        assertThat(first.validUntil()).contains(LocalDate.parse("2027-06-30"));
        assertThat(first.suspended()).isFalse();
        assertThat(first.packDays()).isEmpty();
        BadgeGrant second = grant(site, 'b');
        assertThat(second.validFrom()).contains(LocalDate.parse("2026-06-01"));
        assertThat(second.validUntil()).contains(LocalDate.parse("2027-12-31"));
        assertThat(grants.accessSites()).containsExactly(SITE);
    }

    @Test
    void suspendedAreGrantsThatSaySoRevokedAreHashesOnly() {
        plan("mensuel", "monthly", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), null);
        member("suspendu", "active", "mensuel", null);
        member("parti", "active", "mensuel", null);
        badge("b1", "suspendu", 'a', "member", "active", null, null);
        badge("b2", "suspendu", 'b', "member", "suspended", null, null);
        badge("b3", "parti", 'c', "member", "active", null, null);
        badge("b4", "parti", 'd', "member", "revoked", null, null);
        // Valid only after the plan ended: it can never open.
        badge("b5", "suspendu", 'e', "member", "active", LocalDate.parse("2027-02-01"), null);
        MemberStore members = new MemberStore(sql);
        Member suspended = members.find("suspendu").orElseThrow();
        members.update(new Member(suspended.id(), SITE, suspended.name(), null, null, suspended.planId(), "suspended",
                null, null, 1L));
        Member gone = members.find("parti").orElseThrow();
        members.update(new Member(gone.id(), SITE, gone.name(), null, null, gone.planId(), "revoked", null, null, 1L));

        SiteGrants site = grants.grants(SITE, NOW);
        assertThat(grant(site, 'a').suspended()).isTrue();
        assertThat(grant(site, 'b').suspended()).isTrue();
        assertThat(site.revokedHashes()).containsExactlyInAnyOrder("c".repeat(64), "d".repeat(64), "e".repeat(64));
        assertThat(site.grants()).hasSize(2);
    }

    @Test
    void bookingsOpenTheirDoorWithTheSitesMarginsAndStaffOpenEveryDoor() {
        member("paul", "active", null, null);
        member("agent", "active", null, null);
        badge("b1", "paul", 'a', "member", "active", null, null);
        badge("b2", "agent", 'f', "maintenance", "active", null, null);
        Resource room = new ResourceStore(sql).create(new Resource("salle", SITE, "Salle", "room", "door-2", 1L));
        new ResourceStore(sql).create(new Resource("bureau", SITE, "Bureau", "desk", null, 1L));
        BookingStore bookings = new BookingStore(sql);
        bookings.create(new Booking("k1", SITE, room.id(), "paul", Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T11:00:00Z"), 1L, null));
        Booking cancelled = bookings.create(new Booking("k2", SITE, room.id(), "paul",
                Instant.parse("2026-12-08T10:00:00Z"), Instant.parse("2026-12-08T11:00:00Z"), 1L, null));
        bookings.cancel(cancelled, 2L);
        bookings.create(new Booking("k3", SITE, room.id(), "paul", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T11:00:00Z"), 1L, null));
        bookings.create(new Booking("k4", SITE, "bureau", "paul", Instant.parse("2026-12-09T10:00:00Z"),
                Instant.parse("2026-12-09T11:00:00Z"), 1L, null));

        BadgeGrant paul = grant(grants.grants(SITE, NOW), 'a');
        assertThat(paul.doors()).isEmpty();
        assertThat(paul.windows()).isEmpty();
        assertThat(paul.bookings()).containsExactly(new BookingSlot("door-2", Instant.parse("2026-12-07T09:45:00Z"),
                Instant.parse("2026-12-07T11:15:00Z")));

        new SiteSettingsStore(sql).put(new SiteSettings(SITE, ZoneId.of("America/Cayenne"), 5, LocalTime.MIDNIGHT));
        SiteGrants site = grants.grants(SITE, NOW);
        assertThat(site.timeZone()).isEqualTo(ZoneId.of("America/Cayenne"));
        assertThat(grant(site, 'a').bookings()).containsExactly(new BookingSlot("door-2",
                Instant.parse("2026-12-07T09:55:00Z"), Instant.parse("2026-12-07T11:05:00Z")));
        BadgeGrant maintenance = grant(site, 'f');
        assertThat(maintenance.badgeClass()).isEqualTo(BadgeGrant.BadgeClass.MAINTENANCE);
        assertThat(maintenance.doors()).containsExactly("door-2");
    }

    @Test
    void aPackCountsOneDayPerLocalDayOnceCommitted() throws Exception {
        plan("pack", "pack", null, null, 10);
        member("nadia", "active", "pack", 10);
        badge("b1", "nadia", 'a', "member", "active", null, null);
        assertThat(grant(grants.grants(SITE, NOW), 'a').packDays())
                .contains(new BadgeGrant.PackDays(10, Optional.empty()));

        AccessEvents events = new AccessEvents(changed::add);
        Event first = packEntry("2026-12-07");
        events.stored(database.coworking(), SITE, "rozoy-pi", first, NOW.toEpochMilli());
        events.stored(database.coworking(), SITE, "rozoy-pi", packEntry("2026-12-07"), NOW.toEpochMilli());
        assertThat(changed).as("told only once the batch is committed").isEmpty();
        events.committed();
        assertThat(changed).containsExactly(SITE);
        events.stored(database.coworking(), SITE, "rozoy-pi", packEntry("2026-12-08"), NOW.toEpochMilli());
        events.rolledBack();
        assertThat(changed).containsExactly(SITE);

        BadgeGrant.PackDays pack = grant(grants.grants(SITE, NOW), 'a').packDays().orElseThrow();
        assertThat(pack.left()).isEqualTo(8);
        assertThat(pack.countedDay()).contains(LocalDate.parse("2026-12-08"));
    }

    private static Event packEntry(String day) {
        return new Event(new Envelope(MessageIds.next(), 1, NOW, ClockConfidence.SYNCED), Optional.of("door-1"),
                "access-granted", Severity.INFO, "entrée", Map.of("member", "nadia", "door", "door-1",
                "direction", "entry", "reason", "pack-day", "packDay", day, "badgeHash", "a".repeat(64)));
    }

    @Test
    void garbageInAnEventIsLeftOutNotRefused() throws Exception {
        AccessEvents events = new AccessEvents(changed::add);
        Event garbage = new Event(new Envelope(MessageIds.next(), 1, NOW, ClockConfidence.UNSYNCED), Optional.empty(),
                "access-denied", Severity.INFO, "?", Map.of("badgeHash", "NOT-HEX", "member", 42, "door", "../etc",
                "reason", "x".repeat(500), "packDay", "yesterday"));
        events.stored(database.coworking(), SITE, "rozoy-pi", garbage, NOW.toEpochMilli());
        List<String> rows = sql.query("SELECT reason || '/' || COALESCE(door_id, '-') || '/' || COALESCE(member_id, '-')"
                + " FROM coworking_access_log", row -> row.getString(1));
        assertThat(rows).containsExactly("unreported/-/-");
        assertThat(Set.copyOf(sql.query("SELECT id FROM coworking_unknown_reads", row -> row.getString(1)))).isEmpty();
    }
}
