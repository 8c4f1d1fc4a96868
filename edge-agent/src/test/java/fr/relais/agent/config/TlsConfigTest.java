package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code broker.tls}: the files are read when the configuration is, and every bad one is refused
 * then with the field and the file named, never at connect time.
 */
class TlsConfigTest {
    private static final String CONFIG = """
            node: rozoy-pi
            site: {id: rozoy, name: Rozoy, kind: mediation}
            broker:
              url: "%s"
              username: rozoy-pi.1
              password: "n0t-in-the-log"
            %s
            storage: {file: agent.db}
            """;

    @TempDir
    static Path dir;
    private static TestPki.Issued client;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @BeforeAll
    static void writeFiles() throws Exception {
        TestPki ca = TestPki.authority("Relais test CA");
        ca.writeCertificate(dir.resolve("ca.crt"));
        client = ca.client("rozoy-pi.1", "RSA");
        client.writeCertificate(dir.resolve("node.crt"));
        client.writeKey(dir.resolve("node.key"));
        client.writeTraditionalKey(dir.resolve("node-sec1.key"));
        ca.client("other-pi", "EC").writeKey(dir.resolve("other.key"));
        Files.writeString(dir.resolve("garbage.crt"), "hello, not a certificate\n");
        Files.writeString(dir.resolve("damaged.crt"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getEncoder().encodeToString("not DER at all".getBytes(StandardCharsets.US_ASCII))
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("encrypted.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n");
        Files.createDirectories(dir.resolve("folder.crt"));
    }

    private NodeConfig parse(String url, String tls) throws ConfigException {
        return loader.parse(CONFIG.formatted(url, tls.isEmpty() ? "" : "  tls:\n    " + tls.replace("\n", "\n    ")),
                dir);
    }

    @Test
    void readsTheCaAndTheClientCertificateRelativeToTheConfigFolder() throws ConfigException {
        NodeConfig config = parse("ssl://relais.example.org:8883",
                "caFile: ca.crt\ncertFile: node.crt\nkeyFile: " + dir.resolve("node.key"));
        TlsSettings tls = config.broker().tls().orElseThrow();
        assertThat(tls.caFile()).isEqualTo(dir.resolve("ca.crt"));
        assertThat(tls.authorities()).singleElement().extracting(c -> c.getSubjectX500Principal().getName())
                .isEqualTo("CN=Relais test CA");
        TlsSettings.ClientIdentity identity = tls.client().orElseThrow();
        assertThat(identity.certificate()).isEqualTo(client.certificate());
        assertThat(identity.key()).isEqualTo(client.keys().getPrivate());
    }

    @Test
    void neverPrintsTheKeyNorThePassword() throws ConfigException {
        NodeConfig config = parse("ssl://relais.example.org:8883", "caFile: ca.crt\ncertFile: node.crt\nkeyFile: node.key");
        String printed = config.toString();
        String keyBase64 = Base64.getEncoder().encodeToString(client.keys().getPrivate().getEncoded());
        assertThat(printed).contains("CN=Relais test CA", "node.key (RSA key, not shown)")
                .doesNotContain(keyBase64.substring(40, 80), client.keys().getPrivate().toString(), "n0t-in-the-log");
        assertThat(config.maskedText()).doesNotContain("n0t-in-the-log").contains("caFile: ca.crt", "keyFile: node.key");
    }

    @Test
    void withoutTlsAnSslUrlTrustsTheJvmAsBefore() throws ConfigException {
        assertThat(parse("ssl://relais.example.org:8883", "").broker().tls()).isEmpty();
        assertThat(parse("tcp://127.0.0.1:1883", "").broker().tls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing CA file       | caFile: nope.crt                | broker.tls.caFile: {dir}/nope.crt does not exist",
        "CA file not PEM       | caFile: garbage.crt             | broker.tls.caFile: {dir}/garbage.crt is not a PEM certificate",
        "a key given as the CA | caFile: node.key                | broker.tls.caFile: {dir}/node.key is not a PEM certificate",
        "CA file damaged       | caFile: damaged.crt             | broker.tls.caFile: {dir}/damaged.crt holds a damaged certificate",
        "CA file a folder      | caFile: folder.crt              | broker.tls.caFile: {dir}/folder.crt is a folder",
        "no CA file            | certFile: node.crt\\nkeyFile: node.key | broker.tls.caFile: is required",
        "certificate, no key   | caFile: ca.crt\\ncertFile: node.crt    | broker.tls.keyFile: is required when certFile is given",
        "key, no certificate   | caFile: ca.crt\\nkeyFile: node.key     | broker.tls.certFile: is required when keyFile is given",
        "missing client cert   | caFile: ca.crt\\ncertFile: gone.crt\\nkeyFile: node.key | broker.tls.certFile: {dir}/gone.crt does not exist",
        "key not PEM           | caFile: ca.crt\\ncertFile: node.crt\\nkeyFile: garbage.crt | broker.tls.keyFile: {dir}/garbage.crt is not a PEM private key",
        "certificate as key    | caFile: ca.crt\\ncertFile: node.crt\\nkeyFile: node.crt | broker.tls.keyFile: {dir}/node.crt is not a PEM private key",
        "old key format        | caFile: ca.crt\\ncertFile: node.crt\\nkeyFile: node-sec1.key | broker.tls.keyFile: {dir}/node-sec1.key holds a RSA PRIVATE KEY in the old format; convert it",
        "encrypted key         | caFile: ca.crt\\ncertFile: node.crt\\nkeyFile: encrypted.key | broker.tls.keyFile: {dir}/encrypted.key is encrypted",
        "another node's key    | caFile: ca.crt\\ncertFile: node.crt\\nkeyFile: other.key | broker.tls.keyFile: {dir}/other.key is not the key of the certificate in {dir}/node.crt",
        "unknown field         | caFile: ca.crt\\npassphrase: x  | broker.tls.passphrase: unknown field",
        "tls as a text         | yes                             | broker.tls: must be an object"})
    void refusesABadFileNamingTheFieldAndTheFile(String what, String tls, String message) {
        String block = tls.equals("yes") ? "" : tls.replace("\\n", "\n");
        String text = tls.equals("yes")
                ? CONFIG.formatted("ssl://relais.example.org:8883", "  tls: yes")
                : CONFIG.formatted("ssl://relais.example.org:8883", "  tls:\n    " + block.replace("\n", "\n    "));
        assertThatThrownBy(() -> loader.parse(text, dir)).as(what)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message.replace("{dir}", dir.toString()));
    }

    @Test
    void refusesTlsWithAPlainTcpUrl() {
        assertThatThrownBy(() -> parse("tcp://relais.example.org:1883", "caFile: ca.crt"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("broker.tls: needs an ssl:// broker.url, not 'tcp://relais.example.org:1883':"
                        + " with tcp:// nothing would be encrypted");
    }

    @Test
    void aFileErrorNamesTheConfigurationFileToo() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, CONFIG.formatted("ssl://relais.example.org:8883", "  tls: {caFile: /etc/relais/none.crt}"));
        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ": broker.tls.caFile: /etc/relais/none.crt does not exist");
    }
}
