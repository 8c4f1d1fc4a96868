package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.config.TestPki;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole probe polled against loopback peers and a fake {@code /sys}: its health, its metrics,
 * its events, and its rare throughput test, skipped while the outbox replays a backlog.
 */
class ProbeDeviceTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Birth.DeviceInfo INFO = new Birth.DeviceInfo("probe-fibre", DeviceKind.PROBE, "Sonde", false);
    private static final int FILE_BYTES = 200_000;

    @TempDir
    Path dir;

    private final Loopback loopback = new Loopback();
    private final AtomicBoolean replaying = new AtomicBoolean();
    private ProbeDevice device;
    private Loopback.Http files;

    @BeforeEach
    void setUp() throws IOException {
        write("sys/class/net/eth0/type", "1\n");
        write("sys/class/net/eth0/operstate", "up\n");
        write("proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        files = loopback.http(out -> {
            Loopback.head(out, 200, FILE_BYTES);
            Loopback.body(out, FILE_BYTES, 16_384, 0);
        });
    }

    @AfterEach
    void tearDown() {
        if (device != null) {
            device.close();
        }
        loopback.close();
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A probe of {@code targets}, with a fake kernel tree, then the rest of its settings. */
    private ProbeDevice probe(double firstDelayFraction, String targets, String more) throws Exception {
        ProbeSettings settings = ProbeYaml.settings("""
                targets: [%s]
                attempts: 3
                connectTimeoutMillis: 300
                link: fibre
                sysRoot: %s
                procRoot: %s
                %s
                """.formatted(targets, dir.resolve("sys"), dir.resolve("proc"), more));
        device = new ProbeDevice(INFO, settings, replaying::get, () -> firstDelayFraction, java.net.InetAddress::getByName);
        device.open(DeviceSink.NONE);
        return device;
    }

    private static String tcp(TcpTarget target) {
        return "tcp://" + target;
    }

    private String throughput(String extra) {
        return "throughput: {url: '" + files.url("/api/probe/download?bytes=" + FILE_BYTES) + "'" + extra + "}";
    }

    /** Every metric and event datum obeys the protocol's rules: the outbox would refuse it otherwise. */
    private static void assertValid(Reading reading) {
        assertThat(reading.metrics()).allSatisfy((name, value) -> {
            assertThat(Metrics.nameProblem(name)).as(name).isNull();
            assertThat(Metrics.valueProblem(value)).as(name).isNull();
        });
        assertThat(reading.metrics()).hasSizeLessThanOrEqualTo(Metrics.MAX_ENTRIES);
        for (DeviceEvent event : reading.events()) {
            assertThat(event.type()).matches("[a-z][a-z0-9-]*");
            assertThat(event.data()).hasSizeLessThanOrEqualTo(Metrics.MAX_ENTRIES).allSatisfy((name, value) -> {
                assertThat(Metrics.nameProblem(name)).as(name).isNull();
                assertThat(Metrics.valueProblem(value)).as(name).isNull();
            });
        }
    }

    @Test
    void aHealthyLinkReportsItsFiguresAndTheFirstPollRecordsAFullMeasurement() throws Exception {
        TestPki authority = TestPki.authority("Relais test CA");
        Loopback.Http hub = loopback.https(TestTls.server(authority, authority.server("hub", "127.0.0.1")), out -> {
            Loopback.head(out, 200, 15);
            out.write("{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII));
        });
        Path ca = authority.writeCertificate(dir.resolve("hub-ca.pem"));
        ProbeDevice probe = probe(0, tcp(loopback.listening()) + ", " + tcp(loopback.listening()), """
                dns: [localhost]
                https: https://127.0.0.1:%d/api/health
                caFile: %s
                %s
                """.formatted(hub.port, ca, throughput("")));

        Reading first = probe.read(START);

        assertValid(first);
        assertThat(first.health()).isEqualTo(Health.OK);
        Map<String, Object> metrics = first.metrics();
        assertThat(metrics).containsEntry("link", "fibre").containsEntry("interface", "eth0")
                .containsEntry("interfaceKind", "ethernet").containsEntry("interfaceState", "up")
                .containsEntry("targets", 2L).containsEntry("targetsUp", 2L).containsEntry("sent", 6L)
                .containsEntry("received", 6L).containsEntry("lossPercent", 0.0).containsEntry("dnsFailed", 0L)
                .containsEntry("httpsStatus", 200L).containsEntry("throughputBytes", (long) FILE_BYTES)
                .containsEntry("throughputEnding", "complete").doesNotContainKeys("problem", "throughputSkipped");
        for (String figure : new String[] {"latencyMinMs", "latencyMedianMs", "latencyMaxMs", "dnsMs", "httpsTtfbMs",
                "throughputMbps", "throughputSeconds"}) {
            assertThat((Double) metrics.get(figure)).as(figure).isGreaterThanOrEqualTo(0.0);
        }
        assertThat(first.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("probe-measurement");
            assertThat(event.message()).startsWith("Mesure de la ligne (fibre, eth0) : débit ");
            assertThat(event.data()).containsEntry("interface", "eth0").containsEntry("target1Sent", 3L)
                    .containsEntry("target2Received", 3L).containsEntry("dns1", "localhost")
                    .containsEntry("throughputBytes", (long) FILE_BYTES).containsEntry("throughputHost", "127.0.0.1")
                    .containsKeys("target1", "target1MinMs", "target1MedianMs", "target1MaxMs", "dns1Ms", "httpsTtfbMs");
        });

        Reading next = probe.read(START.plusSeconds(60));

        assertThat(next.health()).isEqualTo(Health.OK);
        assertThat(next.events()).as("nothing changed, and the next full measurement is in 6 hours").isEmpty();
        assertThat(next.metrics()).doesNotContainKeys("throughputMbps", "throughputBytes");
        assertThat(files.requests).hasValue(1);
    }

    @Test
    void noTargetAnsweringIsCriticalNoConnectivityAndEachTargetIsSaidLostAfterTwoPolls() throws Exception {
        TcpTarget refusing = loopback.refusing();
        TcpTarget blackholed = loopback.blackholed();
        ProbeDevice probe = probe(0.5, tcp(refusing) + ", " + tcp(blackholed), "");

        Reading first = probe.read(START);

        assertValid(first);
        assertThat(first.health()).isEqualTo(Health.CRITICAL);
        assertThat((String) first.metrics().get("problem"))
                .startsWith("aucune connectivité : aucune des 2 cibles ne répond");
        assertThat(first.metrics()).containsEntry("targetsUp", 0L).containsEntry("lossPercent", 100.0)
                .containsEntry("received", 0L).doesNotContainKeys("latencyMedianMs", "latencyMinMs", "latencyMaxMs");
        assertThat(first.events()).as("one poll is not enough to call a target lost").isEmpty();

        Reading second = probe.read(START.plusSeconds(60));

        assertThat(second.events()).extracting(DeviceEvent::type).containsExactly("target-unreachable", "target-unreachable");
        assertThat(second.events().get(0).message()).isEqualTo("La cible " + refusing
                + " ne répond plus depuis 2 mesures (connexion refusée)");
        assertThat(second.events().get(1).data()).containsEntry("target", blackholed.toString())
                .containsEntry("error", "timeout").containsEntry("sent", 3L).containsEntry("received", 0L)
                .containsEntry("interface", "eth0");
        assertThat(probe.read(START.plusSeconds(120)).events()).as("said once").isEmpty();
    }

    @Test
    void aTargetDownAmongOthersIsAWarningThatNamesItWithoutCountingAsLineLoss() throws Exception {
        TcpTarget refusing = loopback.refusing();
        ProbeDevice probe = probe(0.5, tcp(loopback.listening()) + ", " + tcp(refusing), "");

        Reading reading = probe.read(START);

        assertThat(reading.health()).isEqualTo(Health.WARNING);
        assertThat(reading.metrics()).containsEntry("targetsUp", 1L).containsEntry("sent", 6L)
                .containsEntry("received", 3L).containsEntry("lossPercent", 0.0)
                .containsEntry("problem", "cible injoignable : " + refusing);
    }

    @Test
    void aNameThatDoesNotResolveIsCountedAndSaid() throws Exception {
        ProbeDevice probe = probe(0.5, tcp(loopback.listening()), "dns: [localhost, relais-probe.invalid]");

        Reading reading = probe.read(START);

        assertThat(reading.health()).isEqualTo(Health.WARNING);
        assertThat(reading.metrics()).containsEntry("dnsFailed", 1L).containsKey("dnsMs")
                .containsEntry("problem", "résolution DNS en échec : relais-probe.invalid");
    }

    @Test
    void aTargetWhoseNameDoesNotResolveIsUnreachable() throws Exception {
        ProbeDevice probe = probe(0.5, "tcp://hub.relais-probe.invalid:8883", "");

        Reading reading = probe.read(START);

        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("sent", 3L).containsEntry("received", 0L);
        assertThat((String) reading.metrics().get("problem")).isIn(
                "aucune connectivité : la cible ne répond pas (nom introuvable)",
                "aucune connectivité : la cible ne répond pas (pas de réponse dans le délai)");
    }

    @Test
    void aHubCertificateTheNodeDoesNotTrustIsAWarningSaidAsSuch() throws Exception {
        TestPki authority = TestPki.authority("Another CA");
        Loopback.Http hub = loopback.https(TestTls.server(authority, authority.server("hub", "127.0.0.1")),
                out -> Loopback.head(out, 204, 0));
        ProbeDevice probe = probe(0.5, tcp(loopback.listening()), "https: https://127.0.0.1:" + hub.port + "/api/health");

        Reading reading = probe.read(START);

        assertThat(reading.health()).isEqualTo(Health.WARNING);
        assertThat(reading.metrics()).containsEntry("httpsError", "certificate")
                .containsEntry("problem", "certificat HTTPS du hub refusé").doesNotContainKey("httpsTtfbMs");
    }

    @Test
    void theThroughputTestWaitsWhileTheOutboxReplaysABacklogAndRunsAtTheFirstPollAfter() throws Exception {
        ProbeDevice probe = probe(0, tcp(loopback.listening()), throughput(""));
        replaying.set(true);

        Reading skipped = probe.read(START);

        assertThat(skipped.metrics()).containsEntry("throughputSkipped", "replaying-backlog")
                .doesNotContainKeys("throughputMbps", "throughputBytes");
        assertThat(skipped.events()).as("the full measurement waits for its throughput test").isEmpty();
        assertThat(files.requests).hasValue(0);

        replaying.set(false);
        Reading ran = probe.read(START.plusSeconds(60));

        assertThat(ran.metrics()).containsEntry("throughputBytes", (long) FILE_BYTES).doesNotContainKey("throughputSkipped");
        assertThat(ran.events()).extracting(DeviceEvent::type).containsExactly("probe-measurement");
        assertThat(files.requests).hasValue(1);
    }

    @Test
    void theFirstThroughputTestComesAfterARandomPartOfThePeriodThenOncePerPeriod() throws Exception {
        ProbeDevice probe = probe(0.5, tcp(loopback.listening()), throughput(", everyHours: 2"));

        probe.read(START);
        probe.read(START.plus(Duration.ofMinutes(59)));
        assertThat(files.requests).as("half of 2 hours").hasValue(0);

        probe.read(START.plus(Duration.ofMinutes(61)));
        probe.read(START.plus(Duration.ofMinutes(62)));
        assertThat(files.requests).hasValue(1);

        probe.read(START.plus(Duration.ofMinutes(181)));
        assertThat(files.requests).as("2 hours after the first").hasValue(2);
    }

    @Test
    void aThroughputBelowItsThresholdIsAWarningUntilTheNextTest() throws Exception {
        ProbeDevice probe = probe(0, tcp(loopback.listening()), "throughputWarningMbps: 1000000000\n" + throughput(""));

        Reading tested = probe.read(START);
        Reading later = probe.read(START.plusSeconds(60));

        assertThat(tested.health()).isEqualTo(Health.WARNING);
        assertThat((String) tested.metrics().get("problem")).startsWith("débit ").endsWith("(seuil 1000000000 Mbit/s)");
        assertThat(later.health()).as("the line is no faster between two tests").isEqualTo(Health.WARNING);
        assertThat(later.metrics().get("problem")).isEqualTo(tested.metrics().get("problem"));
    }
}
