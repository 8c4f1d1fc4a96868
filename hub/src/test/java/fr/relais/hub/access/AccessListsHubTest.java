package fr.relais.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.Hub;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.access.AccessKeys;
import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.AccessListVerifier;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.SignedAccessListCodec;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole hub, as HubMain starts it with {@code --access-signing-key}: a member given a badge
 * through the coworking API reaches the door node's list, signed with the configured key.
 */
class AccessListsHubTest {
    private static final String SITE = "rozoy-cowork";
    private static final String NODE = "rozoy-cowork-porte";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    @Test
    void aBadgeEnrolledThroughTheApiReachesTheDoorSigned(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        KeyPair keys = AccessKeys.generate();
        Path key = Files.writeString(dir.resolve("access-signing-key.pem"), AccessKeys.privatePem(keys.getPrivate()));
        AccessListVerifier verifier = AccessListVerifier.fromPem(AccessKeys.publicPem(keys.getPublic()), SITE);
        String hash = FakeCoworking.hash("badge-claire");
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
             Hub hub = Hub.start(new HubConfig("127.0.0.1", 0, database.url(), new MqttSettings(broker.url(),
                     "hub-under-test", Optional.empty(), Optional.empty()), ApiClient.AUTH).withAccessSigningKey(key));
             DoorNode door = new DoorNode(broker.url(), SITE, NODE)) {
            ApiClient admin = ApiClient.admin(hub.httpPort());
            await().atMost(PATIENCE).until(() -> admin.json("/api/ingest").path("mqttConnected").asBoolean());
            door.announce();
            await().atMost(PATIENCE).until(() -> admin.json("/api/devices").size() == 2);

            String plan = created(admin, "/api/coworking/plans", "{\"site\":\"" + SITE + "\",\"name\":\"Mensuel\","
                    + "\"kind\":\"monthly\",\"doors\":[\"porte-entree\"],\"windows\":[{\"days\":[\"mon\",\"tue\","
                    + "\"wed\",\"thu\",\"fri\"],\"from\":\"08:00\",\"until\":\"20:00\"}]}");
            String member = created(admin, "/api/coworking/members", "{\"site\":\"" + SITE + "\",\"name\":\"Claire\","
                    + "\"planId\":\"" + plan + "\"}");
            door.event("lecteur-entree", "badge", Map.of("badgeHash", hash, "format", "wiegand-26"));
            JsonNode reads = await().atMost(PATIENCE).until(() -> admin.json("/api/coworking/unknown-reads?site="
                    + SITE).path("items"), found -> found.size() == 1);
            created(admin, "/api/coworking/members/" + member + "/badges", "{\"fromUnknownRead\":\""
                    + reads.get(0).path("id").asText() + "\",\"badgeClass\":\"member\"}");

            // The door reports nothing: each version comes whole; the one with Claire's badge is awaited.
            AccessList list = await().atMost(PATIENCE).until(() -> verifier.verify(new SignedAccessListCodec()
                    .decode(door.nextList()), OptionalLong.empty()), got -> got.grants().stream()
                    .anyMatch(grant -> grant.badgeHash().equals(hash)));
            BadgeGrant grant = list.grants().stream().filter(g -> g.badgeHash().equals(hash)).findFirst().orElseThrow();
            assertThat(grant.member()).isEqualTo(member);
            assertThat(grant.doors()).containsExactly("porte-entree");
            assertThat(list.isDelta()).isFalse();
            await().atMost(PATIENCE).until(() -> admin.get("/metrics").body(), metrics -> metrics
                    .contains("relais_access_lists_enabled 1.0")
                    && metrics.contains("relais_access_list_version{site=\"" + SITE + "\"} " + list.version() + ".0"));
        }
    }

    private static String created(ApiClient admin, String path, String body) throws Exception {
        HttpResponse<String> response = admin.send("POST", path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }
}
