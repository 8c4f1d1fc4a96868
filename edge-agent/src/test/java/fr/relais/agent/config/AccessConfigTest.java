package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code access:} block of a door's node: the hub's Ed25519 public key, decoded when the
 * configuration is read, and the list-age bound. A key that is not one stops the configuration
 * with the field named, so an agent never starts unable to verify any list.
 */
class AccessConfigTest {
    private static final String BASE = """
            node: rozoy-coworking-pi
            site: {id: rozoy-coworking, name: Coworking de la Praille, kind: coworking}
            broker: {url: "tcp://127.0.0.1:1883"}
            storage: {file: agent.db}
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void readsTheHubsKeyAndVerifiesWhatItsPrivateKeySigned() throws Exception {
        KeyPair hub = pair("Ed25519");
        NodeConfig config = loader.parse(BASE + "access: {publicKey: \"" + base64(hub) + "\"}\n", dir);

        AccessSettings access = config.access().orElseThrow();
        assertThat(access.publicKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThat(access.maxListAge()).isEqualTo(AccessSettings.DEFAULT_MAX_LIST_AGE).isEqualTo(Duration.ofHours(168));
        byte[] list = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(hub.getPrivate());
        signer.update(list);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(access.publicKey());
        verifier.update(list);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void carriesTheListAgeBound() throws Exception {
        NodeConfig config = loader.parse(BASE + "access:\n  publicKey: \"" + base64(pair("Ed25519"))
                + "\"\n  maxListAgeHours: 48\n", dir);

        assertThat(config.access().orElseThrow().maxListAge()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void aNodeWithoutDoorHasNoAccessBlock() throws Exception {
        assertThat(loader.parse(BASE, dir).access()).isEmpty();
        assertThat(loader.parse(BASE, dir).toString()).contains("access=none");
    }

    @Test
    void garbageIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"not base64 at all!\"}\n", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access.publicKey").hasMessageContaining("is not base64");
        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"AAAA\"}\n", dir))
                .hasMessageContaining("access.publicKey").hasMessageContaining("is not an Ed25519 public key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed448", "EC", "RSA"})
    void anotherKindOfKeyIsRefused(String algorithm) throws Exception {
        String other = base64(pair(algorithm));

        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"" + other + "\"}\n", dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("access.publicKey: is not an Ed25519 public key");
    }

    @Test
    void theBlockIsStrict() throws Exception {
        String key = base64(pair("Ed25519"));
        assertThatThrownBy(() -> loader.parse(BASE + "access: {maxListAgeHours: 24}\n", dir))
                .hasMessageContaining("access.publicKey");
        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"" + key + "\", maxListAgeHours: 0}\n", dir))
                .hasMessageContaining("access.maxListAgeHours");
        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"" + key + "\", maxListAgeHours: 9000}\n",
                dir)).hasMessageContaining("access.maxListAgeHours");
        assertThatThrownBy(() -> loader.parse(BASE + "access: {publicKey: \"" + key + "\", privateKey: x}\n", dir))
                .hasMessageContaining("access.privateKey");
    }

    @Test
    void toStringNamesTheKeyByItsFingerprintOnly() throws Exception {
        String key = base64(pair("Ed25519"));
        NodeConfig config = loader.parse(BASE + "access: {publicKey: \"" + key + "\"}\n", dir);

        assertThat(config.toString()).contains("access=AccessSettings[publicKey=sha256:")
                .contains("maxListAge=PT168H").doesNotContain(key.substring(20, 40));
    }

    private static KeyPair pair(String algorithm) throws Exception {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    private static String base64(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }
}
