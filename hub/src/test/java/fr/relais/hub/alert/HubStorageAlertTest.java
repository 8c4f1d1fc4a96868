package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.db.Database;
import fr.relais.hub.notify.Notice;
import fr.relais.hub.registry.NodeSilence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hub-storage-failing} rule: observed from the writer's view of the database (kept in
 * memory), recorded once the alert store takes writes, held for its window after the outage.
 */
class HubStorageAlertTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    private final List<Notice> notices = new CopyOnWriteArrayList<>();
    private volatile HubStorage.Outage outage;

    @Test
    void anOutageIsRecordedWithItsStartHeldForItsWindowThenCleared(@TempDir Path dir) throws Exception {
        try (TestDatabase testDatabase = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
             Database database = Database.open(testDatabase.url())) {
            AlertStore store = new AlertStore(database);
            AlertEvaluator evaluator = new AlertEvaluator(store, new AlertRulesLoader(Map.of()).load(Optional.empty()),
                    notices::add, clock, NodeSilence.DEFAULT_TIMEOUT, () -> outage);
            evaluator.evaluate();
            assertThat(store.active()).as("the database never failed").isEmpty();

            long since = clock.millis();
            outage = new HubStorage.Outage(since, null, "java.sql.SQLException: Connection refused");
            clock.advance(Duration.ofSeconds(10));
            evaluator.evaluate();
            AlertRows.Alert open = store.active().get(0);
            assertThat(open.rule()).isEqualTo("hub-storage-failing");
            assertThat(open.site()).isEqualTo("hub");
            assertThat(open.node()).isEqualTo("hub");
            assertThat(open.severity()).isEqualTo("critical");
            assertThat(open.since()).as("the outage's start").isEqualTo(since);
            assertThat(open.message()).startsWith("Stockage du hub en échec : la base de données refuse les écritures")
                    .contains("Connection refused");

            outage = new HubStorage.Outage(since, clock.millis(), "java.sql.SQLException: Connection refused");
            clock.advance(Duration.ofSeconds(299));
            evaluator.evaluate();
            assertThat(store.active()).as("held for withinSeconds after the outage").hasSize(1);
            clock.advance(Duration.ofSeconds(2));
            evaluator.evaluate();
            clock.advance(Duration.ofSeconds(61));
            evaluator.evaluate();
            assertThat(store.active()).as("cleared after clearAfterSeconds").isEmpty();
            assertThat(notices).extracting(Notice::kind).containsExactly(Notice.Kind.OPENED, Notice.Kind.CLEARED);
        }
    }

    @Test
    void onlyTheHubStorageConditionWatchesTheHub(@TempDir Path dir) throws Exception {
        AlertRulesLoader loader = new AlertRulesLoader(Map.of());
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "rules:\n  - id: storage\n    target: node\n    when: { hubStorageFailing: true }\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file))).hasMessageContaining("its target is hub");
        Files.writeString(file, "rules:\n  - id: toner\n    target: hub\n    when: { metric: tonerPercent, atMost: 5 }\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file))).hasMessageContaining("its target is hub");
        Files.writeString(file, "rules:\n  - id: storage\n    when: { hubStorageFailing: false }\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file))).hasMessageContaining("can only be true");
        Files.writeString(file, "rules:\n  - id: storage\n    kinds: [printer]\n    when: { hubStorageFailing: true }\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file))).hasMessageContaining("no device kinds");
        Files.writeString(file, "rules:\n  - id: storage\n    when: { hubStorageFailing: true, withinSeconds: 60 }\n");
        AlertRule rule = loader.load(Optional.of(file)).rule("storage").orElseThrow();
        assertThat(rule.target()).isEqualTo(AlertRule.Target.HUB);
        assertThat(rule.condition()).isEqualTo(new Condition.StorageFailing(Duration.ofSeconds(60)));
    }
}
