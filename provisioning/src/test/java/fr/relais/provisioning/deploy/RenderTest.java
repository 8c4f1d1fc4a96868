package fr.relais.provisioning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout of a render, its stability, and what it refuses. */
class RenderTest {
    @TempDir
    Path temp;

    @Test
    void rendersTheLayoutTheIssueAsksFor() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        RenderedDeployment.Run run = deployment.render();
        assertThat(run.out()).contains("initialised")
                .contains("rozoy-pi: nodes/rozoy-pi/ as rozoy-pi.1, password, every device simulated (--simulated)");
        Path root = deployment.root;
        for (String file : new String[] {"broker/mosquitto.conf", "broker/passwd", "broker/acl", "broker/ca.crt",
                "broker/server.crt", "broker/server.key", "broker/relais-broker.service", "hub/hub.env",
                "hub/relais-hub.service", "nodes/rozoy-pi/agent.yaml", "nodes/rozoy-pi/ca.crt",
                "nodes/rozoy-pi/relais-agent.service", "nodes/rozoy-pi/relais-kiosk.service",
                "nodes/rozoy-pi/install.sh", "nodes/rozoy-pi/relais-rozoy-pi-firstboot.tar.gz",
                "nodes/spi-pi/site-broker/mosquitto.conf", "secrets/credentials.json", "secrets/ca/ca.key"}) {
            assertThat(root.resolve(file)).as(file).isRegularFile();
        }
        assertThat(mode(root.resolve("secrets"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("secrets/credentials.json"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve("nodes/rozoy-pi/agent.yaml"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve("hub/hub.env"))).isEqualTo("rw-------");
        assertThat(Files.readString(root.resolve("nodes/rozoy-pi/agent.yaml")))
                .contains("url: \"ssl://relais.portes-thierache.example:" + deployment.tlsPort + "\"")
                .contains("username: \"rozoy-pi.1\"").contains("caFile: \"ca.crt\"");
        // The van's agent talks to its own broker, which bridges with the node's credentials.
        assertThat(Files.readString(root.resolve("nodes/spi-pi/agent.yaml"))).contains("tcp://127.0.0.1:1884")
                .doesNotContain("password:");
        assertThat(Files.readString(root.resolve("nodes/spi-pi/site-broker/mosquitto.conf")))
                .contains("spi-pi.1").contains("relais.portes-thierache.example:" + deployment.tlsPort);
        // No secret in the inventory, ever: render reads it and never writes it.
        assertThat(Files.readString(deployment.inventory)).doesNotContain(deployment.password("rozoy-pi"))
                .doesNotContain(deployment.hubPassword()).doesNotContain("password:");
    }

    @Test
    void aDriverTheAgentDoesNotHaveIsRefusedWithItsLineBeforeAnythingIsWritten() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        String text = Files.readString(deployment.inventory);
        Files.writeString(deployment.inventory, text.replace("driver: kiosk-watch", "driver: kiosk-wotch"));
        int line = Files.readAllLines(deployment.inventory).indexOf("    driver: kiosk-wotch") + 1;

        RenderedDeployment.Run run = deployment.provisionAsGiven("render", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith(deployment.inventory + " line " + line
                + ", profiles[5].driver: no driver 'kiosk-wotch' in this version of the agent");
        assertThat(deployment.root.resolve("secrets")).doesNotExist();
    }

    @Test
    void devicesWithoutADriverAreSaidToBeSimulated() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        // Only the devices that name no driver: on this agent version, and on any, they render as they are.
        Path inventory = temp.resolve("computers.yaml");
        Files.writeString(inventory, """
                territory: T
                broker: { host: relais.example }
                sites:
                  - id: rozoy
                    name: Rozoy
                    kind: mediation
                    commune: Rozoy-sur-Serre
                    nodes:
                      - id: rozoy-pi
                        devices:
                          - { id: poste-1, kind: computer, name: Poste 1 }
                          - { id: poste-2, kind: computer, name: Poste 2, settings: { cpuPercent: 12 } }
                """);
        RenderedDeployment.Run run = deployment.provisionAsGiven("render", "--inventory", inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("rozoy-pi: nodes/rozoy-pi/ as rozoy-pi.1, password, 2 of 2 devices simulated"
                + " (no driver in the inventory)");
        assertThat(Files.readString(deployment.root.resolve("nodes/rozoy-pi/agent.yaml")))
                .contains("# Devices for which the inventory names no driver are simulated")
                .contains("cpuPercent: 12");
    }

    @Test
    void theHubUnitExpectsItsTlsProxyOnThisMachineAndKeepsItsDatabasePrivate() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        String unit = Files.readString(deployment.root.resolve("hub/relais-hub.service"));
        String execStart = unit.lines().filter(line -> line.startsWith("ExecStart=")).findFirst().orElseThrow();
        // The hub listens on loopback behind the TLS proxy: browsers come through HTTPS only, and
        // every client has the proxy's address unless its X-Forwarded-For is believed.
        assertThat(execStart).contains(" --secure-cookies").contains(" --trusted-proxy 127.0.0.1")
                .doesNotContain("--http-host");
        // hub.db holds password hashes.
        assertThat(unit.lines()).contains("UMask=0077", "StateDirectoryMode=0700");
    }

    @Test
    void systemdAcceptsTheBrokerAndHubUnits() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        fr.relais.provisioning.bundle.SystemdVerify.verify(temp, java.util.List.of(
                deployment.root.resolve("broker/relais-broker.service"),
                deployment.root.resolve("hub/relais-hub.service")));
    }

    @Test
    void renderingTwiceWritesTheSameBytes() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Map<String, byte[]> first = contents(deployment.root);
        RenderedDeployment.Run again = deployment.render();
        assertThat(again.out()).doesNotContain("initialised");
        Map<String, byte[]> second = contents(deployment.root);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((file, bytes) -> assertThat(second.get(file)).as(file).isEqualTo(bytes));
    }

    @Test
    void addNodeWritesTheInventoryKeepingItsCommentsAndRendersTheNewNode() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        String before = Files.readString(deployment.inventory);
        RenderedDeployment.Run run = deployment.provision("add-node", "montcornet-pi-2", "--site", "montcornet",
                "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        String after = Files.readString(deployment.inventory);
        assertThat(after).contains("- id: montcornet-pi-2");
        // Every line the technicians wrote is still there, in order.
        assertThat(after.lines().filter(line -> !line.contains("montcornet-pi-2") && !line.contains("devices: []"))
                .toList()).isEqualTo(before.lines().toList());
        assertThat(deployment.root.resolve("nodes/montcornet-pi-2/agent.yaml")).isRegularFile();
        assertThat(Files.readString(deployment.root.resolve("broker/acl")))
                .contains("topic write relais/v1/montcornet/montcornet-pi-2/telemetry");
    }

    @Test
    void addNodeRefusesATakenOrInvalidIdAndLeavesTheInventoryAlone() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        String before = Files.readString(deployment.inventory);
        for (String bad : new String[] {"rozoy-pi", "a/b", "x+y", "#", "UPPER"}) {
            RenderedDeployment.Run run = deployment.provision("add-node", bad, "--site", "rozoy",
                    "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).contains("line").contains("nodes[");
        }
        RenderedDeployment.Run unknownSite = deployment.provision("add-node", "new-pi", "--site", "atlantis",
                "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(unknownSite.exit()).isEqualTo(2);
        assertThat(unknownSite.err()).contains("no site 'atlantis'");
        assertThat(Files.readString(deployment.inventory)).isEqualTo(before);
    }

    @Test
    void initRefusesAnExistingDeploymentSoItsCaIsNeverReplaced() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        RenderedDeployment.Run first = deployment.provision("init", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        byte[] ca = Files.readAllBytes(deployment.root.resolve("secrets/ca/ca.crt"));
        RenderedDeployment.Run second = deployment.provision("init", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err()).contains("already a deployment");
        assertThat(Files.readAllBytes(deployment.root.resolve("secrets/ca/ca.crt"))).isEqualTo(ca);
    }

    @Test
    void aSecretStoreWrittenBeforeHubRotationsExistedStillRendersTheSameBroker() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        byte[] passwd = Files.readAllBytes(deployment.root.resolve("broker/passwd"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode contents =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(store.toFile());
        assertThat(contents.remove("hubPrevious")).as("written by this release").isNotNull();
        json.writeValue(store.toFile(), contents);
        RenderedDeployment.Run run = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(deployment.root.resolve("broker/passwd"))).isEqualTo(passwd);
        assertThat(deployment.hubUsername()).isEqualTo("relais-hub");
    }

    @Test
    void aDamagedSecretStoreIsReportedAndNothingIsOverwritten() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        Files.writeString(store, "{ not json");
        byte[] passwd = Files.readAllBytes(deployment.root.resolve("broker/passwd"));
        RenderedDeployment.Run run = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("credentials.json").contains("unreadable secret store");
        assertThat(Files.readString(store)).isEqualTo("{ not json");
        assertThat(Files.readAllBytes(deployment.root.resolve("broker/passwd"))).isEqualTo(passwd);
    }

    @Test
    void anInventoryWithoutBrokerOrWithABadOneIsRefusedWithItsLine() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        String text = Files.readString(deployment.inventory);
        Files.writeString(deployment.inventory, text.replace("host: relais.portes-thierache.example",
                "host: \"relais/evil\""));
        RenderedDeployment.Run badHost = deployment.provision("render", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(badHost.exit()).isEqualTo(2);
        assertThat(badHost.err()).contains("broker.host").contains("line");
        Path noBroker = temp.resolve("no-broker.yaml");
        Files.writeString(noBroker, Files.readString(RenderedDeployment.SAMPLE).replaceAll("(?m)^broker:\n(  .*\n)+", ""));
        RenderedDeployment.Run missing = deployment.provision("render", "--inventory", noBroker.toString(),
                "--out", deployment.root.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no 'broker:' section");
        assertThat(deployment.root.resolve("secrets")).doesNotExist();
    }

    @Test
    void aNodeRemovedFromTheInventoryAndAddedAgainGetsANewPassword() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        String oldPassword = deployment.password("montcornet-pi");
        String withIt = Files.readString(deployment.inventory);
        String without = withIt.replaceFirst("(?s)\n  - id: montcornet\n.*?(\n  - id: dizy-le-gros)", "$1");
        assertThat(without).doesNotContain("montcornet-pi");
        Files.writeString(deployment.inventory, without);
        assertThat(deployment.render().out()).contains("montcornet-pi: nodes/montcornet-pi/ removed");
        Files.writeString(deployment.inventory, withIt);
        // Back by hand: still revoked, and said so.
        assertThat(deployment.render().out()).contains("montcornet-pi: revoked");
        assertThat(Files.readString(deployment.root.resolve("broker/passwd"))).doesNotContain("montcornet-pi");
        RenderedDeployment.Run rotated = deployment.provision("rotate", "montcornet-pi", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(deployment.password("montcornet-pi")).isNotEqualTo(oldPassword);
        assertThat(deployment.username("montcornet-pi")).isEqualTo("montcornet-pi.2");
    }

    @Test
    void aLostSecretStoreOrCaIsNotSilentlyMadeAgain() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        byte[] passwd = Files.readAllBytes(deployment.root.resolve("broker/passwd"));
        Path store = deployment.root.resolve("secrets/credentials.json");
        Path kept = temp.resolve("credentials.json.kept");
        Files.move(store, kept);
        RenderedDeployment.Run noStore = deployment.provision("render", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).contains("credentials.json is missing but this folder was rendered before");
        assertThat(Files.readAllBytes(deployment.root.resolve("broker/passwd"))).isEqualTo(passwd);
        Files.move(kept, store);
        Path ca = deployment.root.resolve("secrets/ca");
        Files.move(ca, temp.resolve("ca.kept"));
        RenderedDeployment.Run noCa = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(noCa.exit()).isEqualTo(2);
        assertThat(noCa.err()).contains("secrets/ca is missing");
    }

    @Test
    void aStoreWithAForeignValueIsRefusedWithoutQuotingIt() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        deployment.render();
        Path store = deployment.root.resolve("secrets/credentials.json");
        String password = deployment.password("rozoy-pi");
        Files.writeString(store, Files.readString(store).replace(password, "line\\nbreak"));
        RenderedDeployment.Run run = deployment.provision("render", "--inventory", deployment.inventory.toString(),
                "--out", deployment.root.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("damaged secret store (node rozoy-pi: a password is not a generated one)")
                .doesNotContain("break");
    }

    @Test
    void theBrokerDirectoryIsRememberedAndMustBeAbsolute() throws Exception {
        RenderedDeployment deployment = new RenderedDeployment(temp);
        RenderedDeployment.Run relative = deployment.provision("render", "--broker-dir", "etc/broker", "--inventory",
                deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(relative.exit()).isEqualTo(2);
        assertThat(relative.err()).contains("--broker-dir must be an absolute path");
        RenderedDeployment.Run given = deployment.provision("render", "--broker-dir", "/etc/relais/broker",
                "--inventory", deployment.inventory.toString(), "--out", deployment.root.toString());
        assertThat(given.exit()).as(given.err()).isZero();
        deployment.render();
        assertThat(Files.readString(deployment.root.resolve("broker/mosquitto.conf")))
                .contains("password_file /etc/relais/broker/passwd");
        assertThat(Files.readString(deployment.root.resolve("broker/relais-broker.service")))
                .contains("-c /etc/relais/broker/mosquitto.conf");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
