package fr.relais.agent.localapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.protocol.Event;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Badges at the kiosk's reader: the kiosk sees read ids only; check-in decided from the node's
 * signed access list; the technician's way out (badge + PIN, locked after three failures).
 */
class KioskBadgeTest {
    static final Instant NOW = Instant.parse("2026-12-07T09:30:00Z");
    static final String MEMBER = hash(1);
    static final String EXPIRED = hash(2);
    static final String TECHNICIAN = hash(3);
    static final String STRANGER = hash(4);

    @TempDir
    Path dir;
    KioskRig rig;

    static String hash(int n) {
        return String.format("%064x", n);
    }

    static BadgeGrant grant(String hash, String member, BadgeClass badgeClass, Optional<LocalDate> until) {
        return new BadgeGrant(hash, member, badgeClass, Optional.empty(), until, false, Set.of("porte"), List.of(),
                List.of(), Optional.empty());
    }

    @BeforeEach
    void start() throws Exception {
        rig = new KioskRig(dir, NOW);
        rig.pin = Optional.of(MaintenancePin.parse(MaintenancePin.hash("4321")));
        rig.start();
        rig.holdList(new AccessList(KioskRig.SITE, 3, Optional.empty(), NOW, ZoneId.of("Europe/Paris"), List.of(
                grant(MEMBER, "m-0042", BadgeClass.MEMBER, Optional.of(LocalDate.parse("2026-12-31"))),
                grant(EXPIRED, "m-0007", BadgeClass.MEMBER, Optional.of(LocalDate.parse("2026-11-30"))),
                grant(TECHNICIAN, "t-01", BadgeClass.MAINTENANCE, Optional.empty())), Set.of()));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A read at the kiosk's reader, as the badge driver reports it; the id the kiosk sees. */
    String badge(String hash) throws Exception {
        long before = rig.reads.lastSeq();
        rig.states.event(KioskRig.READER, BadgeEvents.read(hash, "serial-ascii"));
        JsonNode reads = KioskRig.json(rig.get("/kiosk/v1/badge-reads?after=" + before));
        assertThat(reads.path("items")).hasSize(1);
        assertThat(reads.path("last").asLong()).isEqualTo(before + 1);
        return reads.path("items").get(0).path("read").asText();
    }

    JsonNode checkIn(String read, String direction) throws Exception {
        HttpResponse<String> response = rig.post("/kiosk/v1/actions",
                "{\"type\":\"coworking-checkin\",\"read\":\"" + read + "\",\"direction\":\"" + direction + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return KioskRig.json(response);
    }

    @Test
    void theKioskSeesReadIdsNeverTheBadgeAndOnlyItsOwnReadersReads() throws Exception {
        badge(MEMBER);
        rig.states.event("lecteur-porte", BadgeEvents.read(STRANGER, "wiegand-26"));
        rig.states.event(KioskRig.READER, new DeviceEvent("badge-frame-rejected", fr.relais.protocol.Severity.WARNING,
                "x", java.util.Map.of("reason", "parity")));

        String body = rig.get("/kiosk/v1/badge-reads").body();
        assertThat(KioskRig.JSON.readTree(body).path("items")).hasSize(1);
        assertThat(body).doesNotContain(MEMBER).doesNotContain(STRANGER).doesNotContain("badgeHash");
    }

    @Test
    void aValidMemberChecksInOfflineAndTheHubHearsOfItThroughTheOutbox() throws Exception {
        rig.linkUp.set(false);
        JsonNode done = checkIn(badge(MEMBER), "entry");

        assertThat(done.path("state").asText()).isEqualTo("done");
        assertThat(done.path("member").asText()).isEqualTo("m-0042");
        Event event = rig.outboxEvents("coworking-checkin", 1).get(0);
        assertThat(event.data()).containsEntry("badgeHash", MEMBER).containsEntry("member", "m-0042")
                .containsEntry("direction", "entry").containsEntry("action", done.path("action").asText());
    }

    @Test
    void anExpiredOrUnknownBadgeOrAStaleReadIsRefusedInPlainFrenchWithoutAnEvent() throws Exception {
        JsonNode expired = checkIn(badge(EXPIRED), "entry");
        JsonNode unknown = checkIn(badge(STRANGER), "exit");
        String read = badge(MEMBER);
        rig.clock.advance(BadgeReads.KEPT.plusSeconds(1));
        JsonNode stale = checkIn(read, "entry");

        assertThat(expired.path("state").asText()).isEqualTo("refused");
        assertThat(expired.path("message").asText()).contains("abonnement est terminé");
        assertThat(unknown.path("message").asText()).contains("pas reconnu");
        assertThat(stale.path("message").asText()).contains("passez-le à nouveau");
        assertThat(rig.events("coworking-checkin")).isEmpty();
    }

    HttpResponse<String> bookRoom(String read) throws Exception {
        return rig.post("/kiosk/v1/actions", "{\"type\":\"room-book\",\"read\":\"" + read
                + "\",\"room\":\"salle-reunion\",\"start\":\"2026-12-07T14:00:00+01:00\","
                + "\"end\":\"2026-12-07T15:00:00+01:00\"}");
    }

    @Test
    void aRoomIsBookedForTheMemberOfTheBadgeReadNeverForAMemberTheKioskNames() throws Exception {
        rig.linkUp.set(true);
        HttpResponse<String> accepted = bookRoom(badge(MEMBER));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String action = KioskRig.json(accepted).path("action").asText();
        assertThat(KioskRig.json(accepted).path("state").asText()).isEqualTo("pending");
        Event event = rig.outboxEvents("room-book", 1).get(0);
        assertThat(event.data()).containsEntry("action", action).containsEntry("member", "m-0042")
                .containsEntry("room", "salle-reunion").containsEntry("start", "2026-12-07T14:00:00+01:00")
                .containsEntry("end", "2026-12-07T15:00:00+01:00").doesNotContainKeys("read", "badgeHash");
        assertThat(KioskRig.json(rig.get("/kiosk/v1/actions/" + action)).path("state").asText()).isEqualTo("pending");

        HttpResponse<String> named = rig.post("/kiosk/v1/actions", "{\"type\":\"room-book\",\"member\":\"m-0007\","
                + "\"room\":\"salle-reunion\",\"start\":\"2026-12-07T14:00:00+01:00\",\"end\":\"2026-12-07T15:00:00+01:00\"}");
        assertThat(named.statusCode()).as("a member named by the kiosk is refused").isEqualTo(400);
        assertThat(KioskRig.json(named).path("message").asText()).contains("read");
        assertThat(rig.events("room-book")).hasSize(1);
    }

    @Test
    void aRoomBookingWithAnExpiredUnknownOrStaleBadgeReadIsRefusedInPlainFrenchWithoutAnEvent() throws Exception {
        rig.linkUp.set(true);
        HttpResponse<String> expired = bookRoom(badge(EXPIRED));
        HttpResponse<String> unknown = bookRoom(badge(STRANGER));
        HttpResponse<String> never = bookRoom(java.util.UUID.randomUUID().toString());
        String read = badge(MEMBER);
        rig.clock.advance(BadgeReads.KEPT.plusSeconds(1));
        HttpResponse<String> stale = bookRoom(read);

        for (HttpResponse<String> refused : List.of(expired, unknown, never, stale)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
            assertThat(KioskRig.json(refused).path("state").asText()).isEqualTo("refused");
            assertThat(KioskRig.json(refused).has("action")).as("nothing to follow").isFalse();
        }
        assertThat(KioskRig.json(expired).path("message").asText()).contains("abonnement est terminé");
        assertThat(KioskRig.json(unknown).path("message").asText()).contains("pas reconnu");
        assertThat(KioskRig.json(never).path("message").asText()).isEqualTo(ActionDesk.STALE_READ);
        assertThat(KioskRig.json(stale).path("message").asText()).isEqualTo(ActionDesk.STALE_READ);
        assertThat(rig.events("room-book")).isEmpty();
    }

    @Test
    void aRoomBookingWithAGarbageReadIs400NamingTheFieldAndOfflineIs503() throws Exception {
        rig.linkUp.set(true);
        for (String garbage : List.of("nope", "", "m-0042", "1-2-3-4-5", "0d5c3b3e-8b1a-4f7e-9a51-3f2d2c1b0a9")) {
            HttpResponse<String> refused = bookRoom(garbage);
            assertThat(refused.statusCode()).as(garbage).isEqualTo(400);
            assertThat(KioskRig.json(refused).path("message").asText())
                    .isEqualTo("Requête invalide : read n'est pas un identifiant (UUID).");
        }
        HttpResponse<String> notText = rig.post("/kiosk/v1/actions", "{\"type\":\"room-book\",\"read\":42,"
                + "\"room\":\"salle-reunion\",\"start\":\"2026-12-07T14:00:00+01:00\",\"end\":\"2026-12-07T15:00:00+01:00\"}");
        assertThat(notText.statusCode()).isEqualTo(400);
        assertThat(KioskRig.json(notText).path("message").asText()).contains("read");

        rig.linkUp.set(false);
        HttpResponse<String> offline = bookRoom(badge(MEMBER));
        assertThat(offline.statusCode()).isEqualTo(503);
        assertThat(KioskRig.json(offline).path("message").asText()).isEqualTo(ActionDesk.OFFLINE_MESSAGE);
        assertThat(rig.events("room-book")).isEmpty();
    }

    @Test
    void aCheckInsActionIdIsDoneWhenAsked() throws Exception {
        String action = checkIn(badge(MEMBER), "entry").path("action").asText();

        assertThat(KioskRig.json(rig.get("/kiosk/v1/actions/" + action)).path("state").asText()).isEqualTo("done");
    }

    @Test
    void aTechnicianBadgeAndThePinOpenTheMaintenanceScreen() throws Exception {
        HttpResponse<String> opened = rig.post("/kiosk/v1/maintenance",
                "{\"read\":\"" + badge(TECHNICIAN) + "\",\"pin\":\"4321\"}");
        HttpResponse<String> member = rig.post("/kiosk/v1/maintenance",
                "{\"read\":\"" + badge(MEMBER) + "\",\"pin\":\"4321\"}");

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(KioskRig.json(opened).path("ok").asBoolean()).isTrue();
        assertThat(member.statusCode()).as("a member's badge is no technician's").isEqualTo(403);
    }

    @Test
    void threeWrongAttemptsLockTheWayOutForAMinute() throws Exception {
        String read = badge(TECHNICIAN);
        List<Integer> wrong = List.of(
                rig.post("/kiosk/v1/maintenance", "{\"read\":\"" + read + "\",\"pin\":\"0000\"}").statusCode(),
                rig.post("/kiosk/v1/maintenance", "{\"read\":\"" + read + "\",\"pin\":\"1111\"}").statusCode());
        HttpResponse<String> third = rig.post("/kiosk/v1/maintenance", "{\"read\":\"" + read + "\",\"pin\":\"2222\"}");
        HttpResponse<String> rightButLocked = rig.post("/kiosk/v1/maintenance",
                "{\"read\":\"" + read + "\",\"pin\":\"4321\"}");

        assertThat(wrong).containsOnly(403);
        assertThat(KioskRig.json(third).path("error").asText()).isEqualTo("locked");
        assertThat(KioskRig.json(rightButLocked).path("error").asText()).isEqualTo("locked");

        rig.clock.advance(MaintenanceGate.LOCK.plusSeconds(1));
        HttpResponse<String> after = rig.post("/kiosk/v1/maintenance",
                "{\"read\":\"" + badge(TECHNICIAN) + "\",\"pin\":\"4321\"}");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void aConfiguredTechnicianBadgeWorksWithoutAnAccessList() throws Exception {
        rig.close();
        rig = new KioskRig(dir.resolve("other"), NOW);
        rig.pin = Optional.of(MaintenancePin.parse(MaintenancePin.hash("4321")));
        rig.technicianBadges = List.of(STRANGER);
        rig.start();

        assertThat(rig.post("/kiosk/v1/maintenance", "{\"read\":\"" + badge(STRANGER) + "\",\"pin\":\"4321\"}")
                .statusCode()).isEqualTo(200);
        assertThat(checkIn(badge(MEMBER), "entry").path("message").asText())
                .as("no list: check-in cannot be decided").contains("ne peuvent pas être vérifiés");
    }

    @Test
    void aMalformedPinHashIsRefusedWithoutEchoingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MaintenancePin.parse("pbkdf2-sha256$12$c2FsdA==$eA=="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("c2FsdA");
        assertThat(Duration.ofMinutes(2)).isEqualTo(BadgeReads.KEPT);
    }
}
