package fr.relais.hub.alert;

import static fr.relais.hub.alert.Territory.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.notify.Notice;
import fr.relais.hub.registry.NodeSilence;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped rules on realistic telemetry and events, written into the registry as ingestion
 * would, evaluated at instants the test chooses.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class AlertEvaluatorTest {
    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase testDatabase;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final List<Notice> notices = new CopyOnWriteArrayList<>();
    private AlertStore store;
    private AlertEvaluator evaluator;
    private AlertService service;
    private Territory node;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(kind, dir);
        database = Database.open(testDatabase.url());
        store = new AlertStore(database);
        AlertRules rules = new AlertRulesLoader(Map.of()).load(Optional.empty());
        evaluator = new AlertEvaluator(store, rules, notices::add, clock, NodeSilence.DEFAULT_TIMEOUT);
        service = new AlertService(store, clock);
        node = new Territory(database, clock);
        node.announce();
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        testDatabase.close();
    }

    private void after(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        evaluator.evaluate();
    }

    private List<AlertRows.Alert> alerts(String rule) {
        return store.list(new AlertRows.AlertFilter(null, null, null, 1000)).stream()
                .filter(alert -> alert.rule().equals(rule)).toList();
    }

    private AlertRows.Alert only(String rule) {
        List<AlertRows.Alert> alerts = alerts(rule);
        assertThat(alerts).as(rule).hasSize(1);
        return alerts.get(0);
    }

    private List<Notice.Kind> noticesOf(String rule) {
        return notices.stream().filter(n -> n.alert().rule().equals(rule)).map(Notice::kind).toList();
    }

    @Test
    void lowTonerOpensOneAlertThatClearsItselfAfterTheHoldOff() throws SQLException {
        node.printer(Health.WARNING, 8, false);
        after(0);
        AlertRows.Alert alert = only("printer-toner-low");
        assertThat(alert.state()).isEqualTo("open");
        assertThat(alert.conditionKey()).isEqualTo("printer-toner-low/" + NODE + "/printer-accueil");
        assertThat(alert.severity()).isEqualTo("warning");
        assertThat(alert.deviceKind()).isEqualTo("printer");
        assertThat(alert.message()).isEqualTo("Toner de l'imprimante presque vide : tonerPercent vaut 8 (alerte si <= 10)");
        after(10);
        node.printer(Health.WARNING, 7, false);
        after(10);
        assertThat(alerts("printer-toner-low")).as("no duplicate while it holds").hasSize(1);
        assertThat(noticesOf("printer-toner-low")).containsExactly(Notice.Kind.OPENED);

        node.printer(Health.OK, 100, false);
        after(10);
        after(30);
        assertThat(only("printer-toner-low").state()).as("within the hold-off").isEqualTo("open");
        after(30);
        AlertRows.Alert cleared = only("printer-toner-low");
        assertThat(cleared.state()).isEqualTo("cleared");
        assertThat(cleared.clearedBy()).isNull();
        assertThat(cleared.clearComment()).isEqualTo(AlertEvaluator.ENDED);
        assertThat(noticesOf("printer-toner-low")).containsExactly(Notice.Kind.OPENED, Notice.Kind.CLEARED);
    }

    @Test
    void deviceHealthWaitsItsHoldAndTakesTheDevicesSeverity() throws SQLException {
        node.printer(Health.WARNING, 12, false);
        after(0);
        after(59);
        assertThat(alerts("device-health")).isEmpty();
        after(2);
        assertThat(only("device-health").severity()).isEqualTo("warning");
        node.printer(Health.CRITICAL, 3, false);
        after(10);
        AlertRows.Alert escalated = only("device-health");
        assertThat(escalated.severity()).isEqualTo("critical");
        assertThat(noticesOf("device-health")).containsExactly(Notice.Kind.OPENED, Notice.Kind.ESCALATED);
    }

    @Test
    void paperOutAndJamAreAlertsOfTheirOwn() throws SQLException {
        node.printer(Health.CRITICAL, 60, true);
        node.device("printer-accueil", Health.CRITICAL, Map.of("tonerPercent", 60L, "paperOut", false,
                "paperJam", true));
        after(0);
        assertThat(alerts("printer-paper-out")).as("the latest reading says paper is back").isEmpty();
        assertThat(only("printer-jammed").severity()).isEqualTo("critical");
        node.printer(Health.CRITICAL, 60, true);
        after(1);
        assertThat(only("printer-paper-out").message()).contains("paperOut vaut true");
    }

    @Test
    void aBadLinkOpensAfterTwoMinutes() throws SQLException {
        node.probe(Health.WARNING, 240.5, 0.2);
        after(0);
        after(119);
        assertThat(alerts("probe-latency-high")).isEmpty();
        node.probe(Health.CRITICAL, 260.0, 31.5);
        after(1);
        assertThat(only("probe-latency-high").message()).contains("latencyMedianMs vaut 260.0 (alerte si > 150)");
        after(119);
        assertThat(alerts("probe-loss-high")).isEmpty();
        after(1);
        assertThat(only("probe-loss-high").message()).contains("lossPercent vaut 31.5");
    }

    @Test
    void theVanHasItsOwnThresholds() throws SQLException {
        Territory van = node.otherNode("spi", SiteKind.VAN, "spi-pi");
        van.announce();
        van.probe(Health.WARNING, 240.5, 0.2);
        node.probe(Health.WARNING, 240.5, 0.2);
        after(0);
        after(120);
        assertThat(only("probe-latency-high").node()).isEqualTo(NODE);
    }

    @Test
    void aLostNodeIsAlertedAfterFiveMinutes() throws SQLException {
        node.lost();
        after(299);
        assertThat(alerts("node-offline")).isEmpty();
        after(2);
        AlertRows.Alert alert = only("node-offline");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.device()).isNull();
        assertThat(alert.message()).contains("est perdu (sa connexion a coupé sans prévenir");
        node.announce();
        after(1);
        after(60);
        assertThat(only("node-offline").state()).isEqualTo("cleared");
    }

    @Test
    void aSilentNodeIsOfflineWithoutAnyLastWill() throws SQLException {
        node.nodeHealth(0, Map.of());
        long silence = NodeSilence.DEFAULT_TIMEOUT.toSeconds();
        after(silence);
        after(299);
        assertThat(alerts("node-offline")).isEmpty();
        after(2);
        assertThat(only("node-offline").message()).contains("n'a rien envoyé depuis le ");
    }

    @Test
    void aForcedDoorStaysUntilSomeoneClearsItAndComesBackOnlyIfForcedAgain() throws SQLException {
        node.event("door-entree", "door-forced", Severity.CRITICAL);
        after(0);
        AlertRows.Alert alert = only("door-forced");
        assertThat(alert.severity()).isEqualTo("critical");
        after(7200);
        assertThat(only("door-forced").state()).as("no auto-clear for a forced door").isEqualTo("open");

        node.event("door-entree", "door-forced", Severity.CRITICAL);
        after(1);
        AlertRows.Alert acknowledged = service.acknowledge(alert.id(), "camille", "j'y vais");
        assertThat(acknowledged.state()).isEqualTo("acknowledged");
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("camille");
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(clock.millis());
        assertThatThrownBy(() -> service.acknowledge(alert.id(), "lou", null))
                .isInstanceOf(AlertService.Refused.class).hasMessageContaining("acknowledged (by camille)");
        AlertRows.Alert cleared = service.clear(alert.id(), "camille", "serrure vérifiée, rien de volé");
        assertThat(cleared.clearedBy()).isEqualTo("camille");
        assertThat(cleared.clearComment()).isEqualTo("serrure vérifiée, rien de volé");
        assertThatThrownBy(() -> service.clear(alert.id(), "camille", "encore"))
                .isInstanceOf(AlertService.Refused.class).hasMessageContaining("already cleared");
        after(10);
        assertThat(alerts("door-forced")).as("the same forcing does not come back").hasSize(1);

        node.event("door-entree", "door-forced", Severity.CRITICAL);
        after(1);
        assertThat(alerts("door-forced")).hasSize(2);
        assertThat(alerts("door-forced").get(0).state()).isEqualTo("open");
    }

    @Test
    void aDoorForcedReportedByTheNodeItselfIsAnAlertToo() throws SQLException {
        node.event(null, "door-forced", Severity.CRITICAL);
        after(0);
        assertThat(only("door-forced").device()).isNull();
        assertThat(only("door-forced").conditionKey()).isEqualTo("door-forced/" + NODE + "/-");
    }

    @Test
    void aDoorHeldOpenClearsWhenItCloses() throws SQLException {
        node.event("door-entree", "door-held-open", Severity.WARNING);
        after(0);
        assertThat(only("door-held-open").state()).isEqualTo("open");
        node.event("door-entree", "door-closed", Severity.INFO);
        after(1);
        after(60);
        assertThat(only("door-held-open").state()).isEqualTo("cleared");
    }

    @Test
    void aDoorHeldOpenClearsWhenTheDoorWatchSaysItIsOver() throws SQLException {
        node.event("door-entree", "door-held-open", Severity.WARNING);
        after(0);
        assertThat(only("door-held-open").state()).isEqualTo("open");
        assertThat(only("door-held-open").message()).startsWith("Porte restée ouverte");
        node.event("door-entree", "door-held-open-cleared", Severity.INFO);
        after(1);
        after(60);
        assertThat(only("door-held-open").state()).isEqualTo("cleared");
    }

    @Test
    void aStaleAccessListIsAWarningOnTheNodeUntilAFreshListArrives() throws SQLException {
        node.nodeHealth(0, Map.of("accessListVersion", 12L, "accessListAgeHours", 80.5, "accessListStale", 0L));
        after(0);
        assertThat(alerts("access-list-stale")).isEmpty();
        node.nodeHealth(0, Map.of("accessListVersion", 12L, "accessListAgeHours", 80.5, "accessListStale", 1L));
        after(10);
        AlertRows.Alert alert = only("access-list-stale");
        assertThat(alert.severity()).isEqualTo("warning");
        assertThat(alert.device()).isNull();
        assertThat(alert.conditionKey()).isEqualTo("access-list-stale/" + NODE + "/-");
        assertThat(alert.message()).startsWith("Liste d'accès de la porte trop ancienne").contains("accessListStale vaut 1");
        node.nodeHealth(0, Map.of("accessListVersion", 13L, "accessListAgeHours", 0.1, "accessListStale", 0L));
        after(10);
        after(60);
        assertThat(only("access-list-stale").state()).isEqualTo("cleared");
    }

    @Test
    void aForcedDoorIsCriticalWhateverTheDeviceSays() throws SQLException {
        node.event("door-entree", "door-forced", Severity.WARNING);
        after(0);
        assertThat(only("door-forced").severity()).isEqualTo("critical");
    }

    @Test
    void theNodesOwnHealthFullDiskHotCpuAndGrowingBacklog() throws SQLException {
        Map<String, Object> system = Map.of("diskUsedPercent", 93.5, "cpuTemperatureC", 84.0, "cpuThrottled", true);
        node.nodeHealth(100, system);
        after(0);
        assertThat(only("disk-nearly-full").message()).contains("diskUsedPercent vaut 93.5 (alerte si >= 90)");
        assertThat(alerts("cpu-too-hot")).isEmpty();
        after(60);
        node.nodeHealth(700, system);
        after(60);
        assertThat(only("cpu-too-hot").device()).isNull();
        assertThat(alerts("cpu-throttled")).hasSize(1);
        assertThat(alerts("outbox-backlog-growing")).isEmpty();
        node.nodeHealth(1500, system);
        after(60);
        assertThat(only("outbox-backlog-growing").message()).contains("outboxDepth a augmenté de 1400, jusqu'à 1500");
    }

    @Test
    void anOutboxEvictingIsCritical() throws SQLException {
        node.nodeHealth(100, Map.of("outboxEvictedSinceFlush", 250L));
        after(0);
        assertThat(only("outbox-evicting").severity()).isEqualTo("critical");
    }

    @Test
    void aNodeWhoseCardRefusesWritesIsCriticalUntilItWritesAgain() throws SQLException {
        node.nodeHealth(100, Map.of("storageFailing", true, "notStored", 12L));
        after(0);
        assertThat(only("node-storage-failing").severity()).isEqualTo("critical");
        assertThat(only("node-storage-failing").message()).contains("storageFailing vaut true");
        node.nodeHealth(100, Map.of("storageFailing", false, "notStored", 12L));
        after(10);
        after(600);
        assertThat(only("node-storage-failing").state()).isEqualTo("cleared");
    }

    @Test
    void aFlappingConditionIsOneAlertNotManyNotifications() throws SQLException {
        for (int opening = 1; opening <= 2; opening++) {
            node.printer(Health.WARNING, 8, false);
            after(1);
            node.printer(Health.OK, 100, false);
            after(1);
            after(60);
        }
        assertThat(alerts("printer-toner-low")).hasSize(2).allMatch(alert -> alert.state().equals("cleared"));
        node.printer(Health.WARNING, 8, false);
        after(1);
        AlertRows.Alert flapping = alerts("printer-toner-low").get(0);
        assertThat(flapping.flapping()).isTrue();
        assertThat(flapping.state()).isEqualTo("open");
        for (int bounce = 0; bounce < 5; bounce++) {
            node.printer(Health.OK, 100, false);
            after(120);
            node.printer(Health.WARNING, 8, false);
            after(1);
        }
        assertThat(alerts("printer-toner-low")).hasSize(3);
        assertThat(noticesOf("printer-toner-low")).containsExactly(Notice.Kind.OPENED, Notice.Kind.CLEARED,
                Notice.Kind.OPENED, Notice.Kind.CLEARED, Notice.Kind.FLAPPING);
        node.printer(Health.OK, 100, false);
        after(1);
        after(3600);
        assertThat(alerts("printer-toner-low").get(0).state()).isEqualTo("cleared");
    }
}
