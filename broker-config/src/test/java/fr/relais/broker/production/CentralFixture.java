package fr.relais.broker.production;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.TestMqttClient;
import fr.relais.broker.testing.TestMqttClient.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The central broker rendered from the production templates into a test's folder, with a
 * throw-away CA, two accounts ({@code hub} and {@code node-a}) and the minimal ACL, and started
 * as the real mosquitto on free ports.
 */
final class CentralFixture implements AutoCloseable {
    static final String HUB_PASSWORD = "hub-secret";
    static final String NODE_PASSWORD = "node-a-secret";

    final Path dir;
    final TestPki pki;
    final Path passwordFile;
    private final int[] ports = MosquittoProcess.freePorts(3);
    final int localPort = ports[0];
    final int tlsPort = ports[1];
    final int certPort = ports[2];
    final MosquittoProcess broker;

    private CentralFixture(Path dir, boolean clientCertificates) {
        this.dir = dir;
        this.pki = TestPki.create(dir.resolve("pki"));
        this.passwordFile = dir.resolve("passwd");
        BrokerAccounts.addUser(passwordFile, "hub", HUB_PASSWORD);
        BrokerAccounts.addUser(passwordFile, "node-a", NODE_PASSWORD);
        Path acl = BrokerAccounts.writeAcl(dir.resolve("acl"), BrokerAccounts.ACL);
        Map<String, String> values = new HashMap<>(Map.of(
                "tls_port", Integer.toString(tlsPort),
                "local_port", Integer.toString(localPort),
                "ca_file", pki.caFile().toAbsolutePath().toString(),
                "cert_file", pki.certFile().toAbsolutePath().toString(),
                "key_file", pki.keyFile().toAbsolutePath().toString(),
                "password_file", passwordFile.toAbsolutePath().toString(),
                "acl_file", acl.toAbsolutePath().toString(),
                "persistence_dir", dir.resolve("data").toAbsolutePath() + "/"));
        values.put("client_certificate_listener", clientCertificates ? ProductionTemplates.fill(
                ProductionTemplates.read(ProductionTemplates.CLIENT_CERTIFICATE_LISTENER), Map.of(
                        "cert_port", Integer.toString(certPort),
                        "ca_file", values.get("ca_file"),
                        "cert_file", values.get("cert_file"),
                        "key_file", values.get("key_file"),
                        "crl_file", pki.emptyRevocationList(dir.resolve("crl.pem")).toAbsolutePath().toString()))
                : "");
        Path config = ProductionTemplates.write(dir.resolve("central.conf"),
                ProductionTemplates.fill(ProductionTemplates.read(ProductionTemplates.CENTRAL), values));
        createDirectory(dir.resolve("data"));
        this.broker = MosquittoProcess.startWithConfig(config, dir.resolve("run"), localPort);
    }

    /** The central with its password and certificate listeners. */
    static CentralFixture start(Path dir) {
        return new CentralFixture(dir, true);
    }

    /** The hub's listener: plain MQTT on the loopback. */
    String localUrl() {
        return "tcp://127.0.0.1:" + localPort;
    }

    /** The sites' listener: MQTT over TLS, reached here through the loopback. */
    String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    String certUrl() {
        return "ssl://127.0.0.1:" + certPort;
    }

    Options hub(String clientId) {
        return Options.user(localUrl(), clientId, "hub", HUB_PASSWORD);
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
