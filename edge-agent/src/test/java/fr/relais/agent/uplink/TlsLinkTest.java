package fr.relais.agent.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.relais.agent.EdgeAgent;
import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.BrokerSettings;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ReplyStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The agent's link over TLS with the deployment's private CA, against a real Mosquitto: the CA is
 * the only trust anchor, the broker's certificate must name the host, and a broker that requires
 * client certificates gets the node's.
 */
class TlsLinkTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static TlsBroker broker;

    private final List<MqttLink> links = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new TlsBroker(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeLinks() {
        links.forEach(MqttLink::close);
    }

    @Test
    void connectsThroughThePrivateCaAndDelivers() throws Exception {
        MqttClient subscriber = new MqttClient(broker.plainUrl(), "tls-subscriber", new MemoryPersistence());
        List<String> received = new CopyOnWriteArrayList<>();
        subscriber.connect();
        subscriber.subscribe("relais/tls-test", 1, (topic, message) ->
                received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        try {
            MqttLink link = link("ssl://localhost:" + broker.tlsPort, "tls: {caFile: ca.crt}");
            link.connect(will()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            link.publish("relais/tls-test", "over TLS".getBytes(StandardCharsets.UTF_8), false)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> received.contains("over TLS"));
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void anIpAddressNamedInTheCertificateWorksToo() throws Exception {
        MqttLink link = link("ssl://127.0.0.1:" + broker.tlsPort, "tls: {caFile: ca.crt}");
        link.connect(will()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(link.isConnected()).isTrue();
    }

    @Test
    void refusesABrokerSignedByAnotherCa() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.tlsPort, "tls: {caFile: stranger-ca.crt}");
        assertThat(failure(link.connect(will())))
                .hasMessageContaining("PKIX path")
                .hasMessageContaining("the broker's certificate is not signed by the CA of broker.tls.caFile");
    }

    @Test
    void withoutTheCaTheJvmsPublicAuthoritiesDoNotTrustAPrivateOne() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.tlsPort, "");
        assertThat(failure(link.connect(will()))).hasMessageContaining("PKIX path")
                .hasMessageContaining("no CA the JVM trusts signed the broker's certificate");
    }

    @Test
    void refusesABrokerCertificateThatDoesNotNameTheHost() throws Exception {
        // Signed by the right CA, but for broker.elsewhere.example: only host name verification stops it.
        MqttLink link = link("ssl://localhost:" + broker.wrongNamePort, "tls: {caFile: ca.crt}");
        assertThat(failure(link.connect(will())))
                .hasMessageContaining("No subject alternative DNS name matching localhost")
                .hasMessageContaining("the broker's certificate does not name the host of ssl://localhost:");
    }

    @Test
    void refusesAnExpiredBrokerCertificateAndSuspectsTheClock() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.expiredPort, "tls: {caFile: ca.crt}");
        assertThat(failure(link.connect(will())))
                .hasMessageContaining("a certificate is outside its validity period; is the clock of this node right?");
    }

    @Test
    void presentsTheNodesCertificateWhenTheBrokerRequiresOne() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.clientCertPort,
                "tls: {caFile: ca.crt, certFile: node.crt, keyFile: node.key}");
        link.connect(will()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        // Both complete only once the broker answered: the handshake took the certificate.
        link.publish("relais/tls-test", "with a client certificate".getBytes(StandardCharsets.UTF_8), false)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(link.isConnected()).isTrue();
    }

    @Test
    void isRefusedWithoutACertificateWhereTheBrokerRequiresOne() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.clientCertPort, "tls: {caFile: ca.crt}");
        // TLS 1.3: the handshake ends on the client's side before the broker checks, so the
        // refusal comes as an alert while the client waits for CONNACK.
        assertThat(failure(link.connect(will()))).hasMessageContaining("certificate_required")
                .hasMessageContaining("the broker wants a client certificate");
        assertThat(link.isConnected()).isFalse();
    }

    @Test
    void isRefusedWithTheCertificateOfAnotherCa() throws Exception {
        MqttLink link = link("ssl://localhost:" + broker.clientCertPort,
                "tls: {caFile: ca.crt, certFile: intruder.crt, keyFile: intruder.key}");
        // The broker drops the connection; what the client sees depends on when (a broken pipe, a reset, an alert).
        assertThat(failure(link.connect(will()))).hasMessageContaining("the broker closed the TLS connection");
        assertThat(link.isConnected()).isFalse();
    }

    @Test
    void theAgentComesOnlineOverTls() throws Exception {
        try (NodeWatcher watcher = new NodeWatcher(broker.plainUrl(), "rozoy", "rozoy-pi");
             EdgeAgent agent = EdgeAgent.start(node("ssl://localhost:" + broker.clientCertPort,
                     "tls: {caFile: ca.crt, certFile: node.crt, keyFile: node.key}", "agent-ok.db"), "test")) {
            await().atMost(PATIENCE).until(() -> watcher.count(Birth.class) >= 1);
            assertThat(agent.uplink().isOnline()).isTrue();
        }
    }

    @Test
    void anAgentThatDoesNotTrustTheBrokerKeepsTryingAndSaysWhy() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger uplinkLog = (Logger) LoggerFactory.getLogger(Uplink.class);
        log.start();
        uplinkLog.addAppender(log);
        try (EdgeAgent agent = EdgeAgent.start(node("ssl://localhost:" + broker.tlsPort,
                "tls: {caFile: stranger-ca.crt}", "agent-stranger.db"), "test")) {
            await().atMost(PATIENCE).until(() -> (long) agent.uplink().stats().asMetrics().get("connectFailures") >= 3);
            assertThat(agent.uplink().isOnline()).isFalse();
            assertThat(log.list).map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("cannot connect to ssl://localhost:")
                            .contains("not signed by the CA of broker.tls.caFile"));
        } finally {
            uplinkLog.detachAppender(log);
        }
    }

    @Test
    void setConfigChecksTheTlsFilesAndSwitchesToTls() throws Exception {
        try (NodeWatcher watcher = new NodeWatcher(broker.plainUrl(), "rozoy", "rozoy-pi");
             EdgeAgent agent = EdgeAgent.start(node(broker.plainUrl(), "", "agent-set-config.db"), "test")) {
            await().atMost(PATIENCE).until(() -> agent.uplink().isOnline());
            Outcome missing = agent.reconfigure(yaml("ssl://localhost:" + broker.tlsPort,
                    "tls: {caFile: missing-ca.crt}", "agent-set-config.db"));
            assertThat(missing.status()).isEqualTo(ReplyStatus.REJECTED);
            assertThat(missing.reason()).contains("broker.tls.caFile: " + dir.resolve("missing-ca.crt")
                    + " does not exist");
            Outcome tls = agent.reconfigure(yaml("ssl://localhost:" + broker.tlsPort, "tls: {caFile: ca.crt}",
                    "agent-set-config.db"));
            assertThat(tls.status()).as(tls.reason()).isEqualTo(ReplyStatus.OK);
            assertThat(agent.config().broker().tls()).isPresent();
            assertThat(agent.uplink().isOnline()).isTrue();
        }
    }

    private MqttLink link(String url, String tls) throws Exception {
        BrokerSettings settings = node(url, tls, "unused.db").broker();
        MqttLink link = new MqttLink(settings, 100, "tls-test-" + System.nanoTime(), cause -> { },
                (topic, payload, retained, acknowledge) -> acknowledge.run());
        links.add(link);
        return link;
    }

    private static NodeConfig node(String url, String tls, String database) throws Exception {
        return new ConfigLoader(Map.of()).parse(yaml(url, tls, database), dir);
    }

    private static String yaml(String url, String tls, String database) {
        return """
                node: rozoy-pi
                site: {id: rozoy, name: Rozoy, kind: mediation}
                broker:
                  url: "%s"
                  connectTimeoutSeconds: 10
                  reconnectMinMillis: 100
                  reconnectMaxMillis: 300
                  %s
                storage: {file: %s}
                telemetry: {intervalSeconds: 1}
                clock: {source: always-synced}
                commands: {configProbationSeconds: 30}
                """.formatted(url, tls, database);
    }

    private static MqttLink.Will will() {
        return new MqttLink.Will("relais/tls-test/will", "gone".getBytes(StandardCharsets.UTF_8));
    }

    /** The reason a connection attempt failed; a test fails if it succeeds. */
    private static Throwable failure(CompletableFuture<Void> attempt) throws InterruptedException {
        try {
            attempt.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MqttLink.ConnectFailure.class);
            return e.getCause();
        } catch (TimeoutException e) {
            fail("the attempt neither failed nor succeeded within " + PATIENCE);
        }
        return fail("the connection succeeded");
    }
}
