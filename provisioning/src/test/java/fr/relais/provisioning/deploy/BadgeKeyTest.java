package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One badge hash key per site, in the secret store with the passwords: the same in the agent.yaml
 * of every node of the site (one card, one hash on every reader there), another at every site,
 * and the same after any render, rotation or new node: a new key would make every badge the hub
 * knows at that site unknown.
 */
class BadgeKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void everyNodeOfASiteHasItsSitesKeyAndEverySiteItsOwn() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        RenderedDeployment.Run added = deployment.provision("add-node", "montcornet-pi-2", "--site", "montcornet",
                "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(added.exit()).as(added.err()).isZero();

        Map<String, String> keys = keys(deployment, "rozoy-pi", "montcornet-pi", "dizy-le-gros-pi", "brunehamel-pi",
                "rozoy-coworking-pi", "spi-pi");
        assertThat(keys.values()).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).matches("[A-Za-z0-9_-]{43}"));
        assertThat(key(deployment, "montcornet-pi-2")).isEqualTo(keys.get("montcornet-pi"));
        assertThat(storedKeys(deployment)).containsEntry("montcornet", keys.get("montcornet-pi"))
                .containsEntry("spi", keys.get("spi-pi")).hasSize(6);
    }

    @Test
    void aKeySurvivesRenderingAgainRotationAndRevocation() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        String rozoy = key(deployment, "rozoy-pi");
        String coworking = key(deployment, "rozoy-coworking-pi");

        deployment.render();
        assertThat(key(deployment, "rozoy-pi")).isEqualTo(rozoy);
        for (String[] command : new String[][] {{"rotate", "rozoy-pi"}, {"rotate-hub"}, {"revoke", "rozoy-pi"},
                {"rotate", "rozoy-pi"}}) {
            RenderedDeployment.Run run = deployment.provision(command.length == 1
                    ? new String[] {command[0], "--inventory", deployment.inventory.toString(), "--out",
                            deployment.root.toString()}
                    : new String[] {command[0], command[1], "--inventory", deployment.inventory.toString(), "--out",
                            deployment.root.toString()});
            assertThat(run.exit()).as(String.join(" ", command) + ": " + run.err()).isZero();
        }
        assertThat(deployment.username("rozoy-pi")).as("rotated twice").isEqualTo("rozoy-pi.3");
        assertThat(key(deployment, "rozoy-pi")).isEqualTo(rozoy);
        assertThat(key(deployment, "rozoy-coworking-pi")).isEqualTo(coworking);
    }

    @Test
    void aStoreFromBeforeBadgeKeysGetsOneKeyPerSiteAndNothingElseChanges() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        ObjectNode contents = (ObjectNode) JSON.readTree(store.toFile());
        assertThat(contents.remove("badgeKeys")).as("written by this release").isNotNull();
        JSON.writeValue(store.toFile(), contents);
        byte[] passwd = Files.readAllBytes(deployment.root.resolve("broker/passwd"));
        String password = deployment.password("rozoy-pi");

        deployment.render();

        assertThat(storedKeys(deployment)).hasSize(6);
        assertThat(key(deployment, "rozoy-pi")).isEqualTo(storedKeys(deployment).get("rozoy"));
        assertThat(Files.readAllBytes(deployment.root.resolve("broker/passwd"))).isEqualTo(passwd);
        assertThat(deployment.password("rozoy-pi")).isEqualTo(password);
    }

    @Test
    void aKeyProvisioningDidNotMakeIsRefusedWithoutQuotingIt() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        String key = key(deployment, "rozoy-pi");
        Files.writeString(store, Files.readString(store).replace(key, "short-key"));

        RenderedDeployment.Run run = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("damaged secret store (site rozoy: the badge key is not a generated one)")
                .doesNotContain("short-key");
    }

    private static Map<String, String> keys(RenderedDeployment deployment, String... nodes) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        for (String node : nodes) {
            keys.put(node, key(deployment, node));
        }
        return keys;
    }

    private static String key(RenderedDeployment deployment, String node) throws IOException {
        return new YAMLMapper().readTree(deployment.root.resolve("nodes").resolve(node).resolve("agent.yaml").toFile())
                .at("/badges/hashKey").asText();
    }

    private static Map<String, String> storedKeys(RenderedDeployment deployment) throws IOException {
        Map<String, String> keys = new TreeMap<>();
        JSON.readTree(deployment.root.resolve("secrets/credentials.json").toFile()).get("badgeKeys").fields()
                .forEachRemaining(entry -> keys.put(entry.getKey(), entry.getValue().asText()));
        return keys;
    }
}
