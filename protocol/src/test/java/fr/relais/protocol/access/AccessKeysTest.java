package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files provisioning writes, and those an administrator makes with OpenSSL, both load. */
class AccessKeysTest {
    @TempDir
    Path dir;

    @Test
    void pemTextsLoadBackToTheSameKeys() throws InvalidKeyException {
        KeyPair pair = AccessKeys.generate();

        String privatePem = AccessKeys.privatePem(pair.getPrivate());
        String publicPem = AccessKeys.publicPem(pair.getPublic());

        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(AccessKeys.readPrivate(privatePem).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(AccessKeys.readPublic(publicPem)).isEqualTo(pair.getPublic());
        String bare = java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        assertThat(AccessKeys.readPublic(bare)).as("bare base64").isEqualTo(pair.getPublic());
    }

    @Test
    void keysMadeByOpensslSignAndVerify() throws Exception {
        Path privateFile = dir.resolve("hub-access.pem");
        Path publicFile = dir.resolve("hub-access.pub.pem");
        openssl("genpkey", "-algorithm", "ed25519", "-out", privateFile.toString());
        openssl("pkey", "-in", privateFile.toString(), "-pubout", "-out", publicFile.toString());

        AccessListSigner signer = AccessListSigner.fromPem(Files.readString(privateFile));
        AccessListVerifier verifier = AccessListVerifier.fromPem(Files.readString(publicFile), AccessSamples.SITE);

        assertThat(verifier.verify(signer.sign(AccessSamples.rich()), OptionalLong.empty()))
                .isEqualTo(AccessSamples.rich());
    }

    @Test
    void otherKeysAndTextsAreRefusedClearly() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThatThrownBy(() -> AccessKeys.readPublic(AccessKeys.publicPem(ed448.getPublic())))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not an Ed25519");
        assertThatThrownBy(() -> AccessKeys.readPrivate(AccessKeys.privatePem(ec.getPrivate())))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not an Ed25519 private key");
        assertThatThrownBy(() -> AccessKeys.readPrivate(AccessKeys.publicPem(AccessKeys.generate().getPublic())))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> AccessKeys.readPublic("not base64 !"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> new AccessListSigner(ed448.getPrivate(), new AccessListCodec()))
                .isInstanceOf(InvalidKeyException.class);
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is missing: sudo apt-get install -y openssl", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", command, output).isZero();
    }
}
