package fr.relais.provisioning.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.relais.broker.MosquittoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real broker, reading a passwd file written with {@link MosquittoPasswords}, lets in the right password only. */
class MosquittoAcceptsOurHashesTest {
    private static final String PASSWORD = GeneratedPasswords.generate();
    private static final String UTF8_PASSWORD = "clé-d'été ünïcode";

    @TempDir
    static Path dir;
    private static MosquittoProcess broker;

    @BeforeAll
    static void startBroker() throws IOException {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "node-rozoy:" + MosquittoPasswords.hash(PASSWORD, MosquittoPasswords.newSalt()) + "\n"
                + "accented:" + MosquittoPasswords.hash(UTF8_PASSWORD, MosquittoPasswords.newSalt()) + "\n",
                StandardCharsets.UTF_8);
        int port = MosquittoProcess.freePort();
        broker = TestBroker.start(dir, "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous false\n"
                + "password_file " + passwd.toAbsolutePath() + "\n", port);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theRightPasswordConnects() throws MqttException {
        MqttAsyncClient client = TestBroker.connect(broker.url(), "node-rozoy", PASSWORD, null);
        try {
            assertThat(client.isConnected()).as(broker.log()).isTrue();
        } finally {
            TestBroker.closeQuietly(client);
        }
    }

    @Test
    void aNonAsciiPasswordConnectsToo() throws MqttException {
        MqttAsyncClient client = TestBroker.connect(broker.url(), "accented", UTF8_PASSWORD, null);
        try {
            assertThat(client.isConnected()).isTrue();
        } finally {
            TestBroker.closeQuietly(client);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(broker.url(), "node-rozoy", PASSWORD + "x", null));
        assertThat(refused).as(broker.log()).isNotNull();
        assertThat(refused.getReasonCode()).isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void anUnknownUserIsRefused() {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(broker.url(), "node-nobody", PASSWORD, null));
        assertThat(refused).isNotNull();
        assertThat(refused.getReasonCode()).isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void noCredentialsAreRefused() {
        MqttException refused = catchThrowableOfType(MqttException.class,
                () -> TestBroker.connect(broker.url(), null, null, null));
        assertThat(refused).isNotNull();
        assertThat(refused.getReasonCode()).isIn((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    }
}
