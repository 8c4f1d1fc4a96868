package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coworking place of Rozoy as the hub knows it: its door node (a door and its reader) speaking
 * through the broker as a real node does, and its data (a plan, a member, the meeting room)
 * created through the API by an admin.
 */
final class CoworkingPlace {
    static final String SITE = "rozoy-coworking";
    static final String NODE = "rozoy-coworking-pi";
    static final String DOOR = "porte-entree";
    static final String READER = "lecteur-entree";
    static final String MEMBER_NAME = "Camille Martin";
    static final String ROOM_NAME = "Salle de réunion";
    static final String PASSWORD = "a-long-enough-password";

    private final HubUnderTest hub;
    private final MessageCodec codec = new MessageCodec();
    private long seq;
    String planId;
    String memberId;
    String roomId;

    CoworkingPlace(HubUnderTest hub) {
        this.hub = hub;
    }

    /** The node comes online and says what it has; the registry learns the site from its birth. */
    void nodeOnline() throws Exception {
        publish(Topic.Kind.STATE, new NodeState(Presence.ONLINE, 1, Instant.now()));
        publish(Topic.Kind.BIRTH, new Birth(envelope(), 1, new Birth.SiteInfo("Coworking de Rozoy-sur-Serre",
                SiteKind.COWORKING), new Birth.AgentInfo("1.0", "sha256:1"), List.of(
                new Birth.DeviceInfo(DOOR, DeviceKind.DOOR, "Porte d'entrée", false),
                new Birth.DeviceInfo(READER, DeviceKind.BADGE_READER, "Lecteur de l'entrée", false))));
    }

    /** Another coworking place, with its own door node and no data yet: for the choice between places. */
    void otherPlaceOnline(String site, String name) throws Exception {
        String node = site + "-pi";
        hub.node().publish(Topic.of(Topic.Kind.STATE, site, node).path(), codec.encode(
                new NodeState(Presence.ONLINE, 1, Instant.now())), 1, false);
        hub.node().publish(Topic.of(Topic.Kind.BIRTH, site, node).path(), codec.encode(new Birth(envelope(), 1,
                new Birth.SiteInfo(name, SiteKind.COWORKING), new Birth.AgentInfo("1.0", "sha256:1"), List.of(
                new Birth.DeviceInfo(DOOR, DeviceKind.DOOR, "Porte principale", false)))), 1, false);
    }

    void data() throws Exception {
        planId = created("/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"Abonnement mensuel\","
                + "\"kind\":\"monthly\",\"doors\":[\"" + DOOR + "\"],\"windows\":[{\"days\":[\"mon\",\"tue\",\"wed\","
                + "\"thu\",\"fri\",\"sat\",\"sun\"],\"from\":\"00:00\",\"until\":\"24:00\"}]}");
        memberId = created("/api/coworking/members", "{\"site\":\"" + SITE + "\",\"name\":\"" + MEMBER_NAME
                + "\",\"organisation\":\"Menuiserie Martin\",\"planId\":\"" + planId + "\"}");
        roomId = created("/api/coworking/resources", "{\"site\":\"" + SITE + "\",\"name\":\"" + ROOM_NAME
                + "\",\"kind\":\"room\",\"door\":\"" + DOOR + "\"}");
    }

    private String created(String path, String body) throws Exception {
        var response = hub.api().send("POST", path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asText();
    }

    ApiClient account(String username, String role, String site) throws Exception {
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"")
                + "}").statusCode()).isEqualTo(201);
        return ApiClient.login(hub.hub().httpPort(), username, PASSWORD);
    }

    /** A badge nobody has yet, passed on the reader: the door refuses it and says so, as the node does. */
    void unknownBadge(String badgeHash) throws Exception {
        publish(Topic.Kind.EVENT, new Event(envelope(), Optional.of(DOOR), "access-denied", Severity.INFO,
                "Badge inconnu", Map.of("badgeHash", badgeHash, "door", DOOR, "reader", READER,
                "direction", "entry", "reason", "unknown", "listVersion", 0)));
    }

    /** The member's badge opens the door, coming in. */
    void entry(String badgeHash) throws Exception {
        publish(Topic.Kind.EVENT, new Event(envelope(), Optional.of(DOOR), "access-granted", Severity.INFO,
                "Entrée", Map.of("badgeHash", badgeHash, "member", memberId, "door", DOOR, "reader", READER,
                "direction", "entry", "reason", "hours", "badgeClass", "member", "listVersion", 1)));
    }

    JsonNode badges() throws Exception {
        return hub.api().json("/api/coworking/members/" + memberId + "/badges").path("items");
    }

    JsonNode bookings() throws Exception {
        return hub.api().json("/api/coworking/bookings?site=" + SITE + "&limit=100").path("items");
    }

    private Envelope envelope() {
        return new Envelope(MessageIds.next(), ++seq, Instant.now(), ClockConfidence.SYNCED);
    }

    private void publish(Topic.Kind kind, fr.relais.protocol.Message message) throws Exception {
        hub.node().publish(Topic.of(kind, SITE, NODE).path(), codec.encode(message), 1, false);
    }
}
