package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.config.AccessSettings;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.provisioning.secrets.AccessSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's Ed25519 key pair for the doors' access lists: made once per deployment, kept in the
 * secret store through every later command, the private key in the hub's folder (owner only), the
 * public key in the agent.yaml of every node of a place with a door or a badge reader, and the two a pair: what the
 * hub's file signs, the door's configuration verifies.
 */
class AccessSigningKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOOR_NODE = "rozoy-coworking-pi";
    /** Places with no door but a badge reader under their kiosk (the technician's exit). */
    private static final List<String> NODES_WITH_A_KIOSK_READER = List.of("rozoy-pi", "montcornet-pi",
            "dizy-le-gros-pi", "brunehamel-pi");
    /** The van, once its kiosk and that kiosk's reader are taken out of the inventory: no door, no reader. */
    private static final String NODE_WITHOUT_READER = "spi-pi";
    private static final String VANS_KIOSK = """
                      - id: kiosk-vehicule
                        kind: kiosk
                        name: "Borne du véhicule"
                        profile: borne
                        settings: { reader: lecteur-borne }   # its technician's exit
                      - id: lecteur-borne
                        kind: badge-reader
                        name: "Lecteur de badges de la borne"
                        profile: lecteur-usb-borne
            """;

    @TempDir
    Path temp;

    @Test
    void theHubSignsWithItsFileAndTheDoorVerifiesWithItsAgentYaml() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        RenderedDeployment.Run run = deployment.render();
        assertThat(run.out()).contains("hub: hub/ (hub.env, access-signing-key.pem, relais-hub.service)");
        Path hubKey = deployment.root.resolve("hub/access-signing-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hubKey))).isEqualTo("rw-------");
        byte[] list = "{\"site\":\"rozoy-coworking\",\"version\":1}".getBytes(StandardCharsets.UTF_8);

        byte[] signature = sign(readPem(hubKey), list);

        // The agent's own loader reads the rendered file, as on the Pi, and decodes the key.
        AccessSettings access = new ConfigLoader(Map.of())
                .load(deployment.root.resolve("nodes").resolve(DOOR_NODE).resolve("agent.yaml")).access().orElseThrow();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(access.publicKey());
        verifier.update(list);
        assertThat(verifier.verify(signature)).isTrue();
        verifier.initVerify(access.publicKey());
        verifier.update("{\"site\":\"rozoy-coworking\",\"version\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).as("another list, same signature").isFalse();
        assertThat(sign(stored(deployment).decodedPrivateKey(), list)).as("Ed25519 is deterministic")
                .isEqualTo(signature);
    }

    @Test
    void onlyTheNodesOfAPlaceWithADoorOrAReaderGetThePublicKeyAndNoNodeThePrivateOne() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        String inventory = Files.readString(deployment.inventory, StandardCharsets.UTF_8);
        assertThat(inventory).contains(VANS_KIOSK);
        Files.writeString(deployment.inventory, inventory.replace(VANS_KIOSK, ""), StandardCharsets.UTF_8);
        deployment.render();
        AccessSigningKey stored = stored(deployment);

        assertThat(agent(deployment, DOOR_NODE).at("/access/publicKey").asText()).isEqualTo(stored.publicKey());
        for (String node : NODES_WITH_A_KIOSK_READER) {
            assertThat(agent(deployment, node).at("/access/publicKey").asText()).as(node).isEqualTo(stored.publicKey());
        }
        assertThat(agent(deployment, NODE_WITHOUT_READER).has("access")).as(NODE_WITHOUT_READER).isFalse();
        try (var files = Files.walk(deployment.root.resolve("nodes"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tar.gz")).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(stored.privateKey()).doesNotContain("BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2Vw");
            }
        }
        // The hub runs as a dynamic user: the root-only key reaches it as a systemd credential.
        String unit = Files.readString(deployment.root.resolve("hub/relais-hub.service"));
        assertThat(unit.lines()).contains("LoadCredential=access-signing-key:/etc/relais/access-signing-key.pem");
        assertThat(unit.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow())
                .endsWith(" --access-signing-key %d/access-signing-key");
    }

    @Test
    void thePairIsMadeOnceAndKeptThroughEveryCommand() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        AccessSigningKey first = stored(deployment);
        byte[] hubKey = Files.readAllBytes(deployment.root.resolve("hub/access-signing-key.pem"));
        assertThat(AccessSigningKey.problem(first)).isNull();

        deployment.render();
        for (String[] command : new String[][] {{"rotate", "rozoy-coworking-pi"}, {"rotate-hub"},
                {"revoke", "rozoy-coworking-pi"}, {"rotate", "rozoy-coworking-pi"}, {"add-node", "rozoy-coworking-pi-2",
                "--site", "rozoy-coworking"}}) {
            List<String> words = new java.util.ArrayList<>(List.of(command));
            words.addAll(List.of("--inventory", deployment.inventory.toString(), "--out", deployment.root.toString()));
            RenderedDeployment.Run run = deployment.provision(words.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", command) + ": " + run.err()).isZero();
        }

        assertThat(stored(deployment)).isEqualTo(first);
        assertThat(Files.readAllBytes(deployment.root.resolve("hub/access-signing-key.pem"))).isEqualTo(hubKey);
        assertThat(agent(deployment, DOOR_NODE).at("/access/publicKey").asText()).isEqualTo(first.publicKey());
        assertThat(agent(deployment, "rozoy-coworking-pi-2").at("/access/publicKey").asText())
                .as("a new node of the place, no device yet").isEqualTo(first.publicKey());
    }

    @Test
    void aStoreFromBeforeAccessListsGetsAPairAndNothingElseChanges() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        ObjectNode contents = (ObjectNode) JSON.readTree(store.toFile());
        assertThat(contents.remove("accessSigningKey")).as("written by this release").isNotNull();
        JSON.writeValue(store.toFile(), contents);
        byte[] passwd = Files.readAllBytes(deployment.root.resolve("broker/passwd"));
        String badgeKey = agent(deployment, DOOR_NODE).at("/badges/hashKey").asText();

        deployment.render();

        AccessSigningKey made = stored(deployment);
        assertThat(AccessSigningKey.problem(made)).isNull();
        assertThat(agent(deployment, DOOR_NODE).at("/access/publicKey").asText()).isEqualTo(made.publicKey());
        assertThat(Files.readAllBytes(deployment.root.resolve("broker/passwd"))).isEqualTo(passwd);
        assertThat(agent(deployment, DOOR_NODE).at("/badges/hashKey").asText()).isEqualTo(badgeKey);
    }

    @Test
    void aDamagedOrMismatchedStoredKeyIsRefusedWithoutQuotingIt() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        String original = Files.readString(store);
        AccessSigningKey key = stored(deployment);
        AccessSigningKey other = AccessSigningKey.generate();

        Files.writeString(store, original.replace(key.privateKey(), key.privateKey().substring(4)));
        assertRefused(deployment, "the access signing key: its private key is not an Ed25519 key (PKCS#8 in base64)",
                key.privateKey().substring(4));
        Files.writeString(store, original.replace(key.publicKey(), "not-base64!"));
        assertRefused(deployment, "the access signing key: its public key is not an Ed25519 key (X.509 in base64)",
                "not-base64!");
        Files.writeString(store, original.replace(key.publicKey(), other.publicKey()));
        assertRefused(deployment, "the access signing key: its public key is not the private key's", other.publicKey());
        assertThat(key.toString()).doesNotContain(key.privateKey());
    }

    /** The private key read back through OpenSSL, the tool a technician would check it with. */
    @Test
    void openSslReadsTheHubsKeyAndFindsTheNodesPublicKey() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "pkey", "-in",
                    deployment.root.resolve("hub/access-signing-key.pem").toString(), "-pubout", "-outform", "DER")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is missing: sudo apt-get install -y openssl", e);
        }
        byte[] der = openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();

        assertThat(Base64.getEncoder().encodeToString(der))
                .isEqualTo(agent(deployment, DOOR_NODE).at("/access/publicKey").asText());
    }

    private static void assertRefused(RenderedDeployment deployment, String problem, String secret) {
        RenderedDeployment.Run run = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("damaged secret store (" + problem + ")").doesNotContain(secret);
    }

    private static PrivateKey readPem(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String body = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(body.strip())));
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(data);
        return signer.sign();
    }

    private static AccessSigningKey stored(RenderedDeployment deployment) throws IOException {
        JsonNode key = JSON.readTree(deployment.root.resolve("secrets/credentials.json").toFile()).get("accessSigningKey");
        return new AccessSigningKey(key.get("privateKey").asText(), key.get("publicKey").asText());
    }

    private static JsonNode agent(RenderedDeployment deployment, String node) throws IOException {
        return new YAMLMapper().readTree(deployment.root.resolve("nodes").resolve(node).resolve("agent.yaml").toFile());
    }
}
