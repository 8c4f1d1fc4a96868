package fr.relais.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesLoaderTest {
    private final AlertRulesLoader loader = new AlertRulesLoader(Map.of("SMTP_PASSWORD", "secret"));

    private AlertRules layered(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, yaml);
        return loader.load(Optional.of(file));
    }

    private static String rule(String body) {
        return "rules:\n  - id: toner\n    kinds: [printer]\n" + body;
    }

    @Test
    void theShippedDefaultsCoverTheIssuesKinds() {
        AlertRules rules = loader.load(Optional.empty());
        assertThat(rules.rules()).extracting(AlertRule::id).contains("node-offline", "device-health",
                "printer-toner-low", "printer-paper-out", "printer-jammed", "probe-latency-high", "probe-loss-high",
                "door-forced", "door-held-open", "disk-nearly-full", "cpu-too-hot", "cpu-throttled",
                "outbox-backlog-growing");
        assertThat(rules.evaluationPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rules.notifications().recipients()).isEmpty();
        AlertRule offline = rules.rule("node-offline").orElseThrow();
        assertThat(rules.effective(offline, "spi", SiteKind.VAN, null).orElseThrow().hold())
                .isEqualTo(Duration.ofHours(2));
        assertThat(rules.effective(offline, "montcornet", SiteKind.MEDIATION, null).orElseThrow().hold())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aDeploymentFileReplacesAddsAndOverridesPerSiteAndKind(@TempDir Path dir) throws Exception {
        AlertRules rules = layered(dir, """
                rules:
                  - id: printer-toner-low
                    kinds: [printer]
                    severity: info
                    when: { metric: tonerPercent, below: 20 }
                  - id: scanner-down
                    kinds: [scanner]
                    severity: warning
                    when: { metric: up, equals: false }
                overrides:
                  - rule: printer-toner-low
                    sites: [dizy-le-gros]
                    threshold: 5
                    severity: critical
                  - rule: device-health
                    kinds: [presence-sensor]
                    enabled: false
                notifications:
                  smtp: { host: smtp.example.org, port: 2525, startTls: disabled, from: alertes@example.org,
                          username: relais, passwordEnv: SMTP_PASSWORD }
                  recipients:
                    - { name: camille, email: camille@example.org, severities: [critical] }
                    - { name: astreinte, webhook: "https://chat.example.org/hooks/relais" }
                """);
        AlertRule toner = rules.rule("printer-toner-low").orElseThrow();
        assertThat(toner.severity()).contains(Severity.INFO);
        AlertRule atDizy = rules.effective(toner, "dizy-le-gros", SiteKind.MEDIATION, DeviceKind.PRINTER)
                .orElseThrow();
        assertThat(atDizy.severity()).contains(Severity.CRITICAL);
        assertThat(((Condition.MetricCompare) atDizy.condition()).value()).isEqualTo(5.0);
        assertThat(rules.rule("scanner-down")).isPresent();
        assertThat(rules.rule("door-forced")).as("defaults kept").isPresent();
        AlertRule health = rules.rule("device-health").orElseThrow();
        assertThat(rules.effective(health, "rozoy", SiteKind.MEDIATION, DeviceKind.PRESENCE_SENSOR)).isEmpty();
        assertThat(rules.effective(health, "rozoy", SiteKind.MEDIATION, DeviceKind.PRINTER)).isPresent();
        assertThat(rules.notifications().smtp().orElseThrow().password()).contains("secret");
        assertThat(rules.notifications().recipients()).hasSize(2);
        assertThat(rules.notifications().recipients().get(1).severities())
                .containsExactlyInAnyOrder(Severity.WARNING, Severity.CRITICAL);
    }

    @Test
    void aBadRuleNamesTheRuleAndTheField(@TempDir Path dir) {
        assertThatThrownBy(() -> layered(dir, rule("    when: { metric: tonerPercent, atMost: low }\n")))
                .isInstanceOf(AlertRulesException.class)
                .hasMessageContaining("rules.yaml")
                .hasMessageContaining("rule 'toner'")
                .hasMessageContaining("when.atMost: must be a number, got the text 'low'");
        assertThatThrownBy(() -> layered(dir, rule("    when: { metric: tonerPercent, atMost: 5 }\n    fro: 3\n")))
                .hasMessageContaining("rule 'toner'").hasMessageContaining("fro: unknown field");
        assertThatThrownBy(() -> layered(dir, rule("    when: { metric: tonerPercent }\n")))
                .hasMessageContaining("needs exactly one of above, atLeast, below, atMost, equals or risesBy");
        assertThatThrownBy(() -> layered(dir, rule("    when: { metric: tonerPercent, atMost: 5, event: x }\n")))
                .hasMessageContaining("must say exactly one of");
        assertThatThrownBy(() -> layered(dir, rule("    severity: urgent\n    when: { metric: a, atMost: 5 }\n")))
                .hasMessageContaining("severity: 'urgent' is not one of: info, warning, critical");
        assertThatThrownBy(() -> layered(dir, rule("    severity: from-health\n    when: { metric: a, atMost: 5 }\n")))
                .hasMessageContaining("from-health is only for health conditions");
        assertThatThrownBy(() -> layered(dir, rule("    forSeconds: -1\n    when: { metric: a, atMost: 5 }\n")))
                .hasMessageContaining("forSeconds: must be between 0 and");
        assertThatThrownBy(() -> layered(dir, "rules:\n  - id: x\n    kinds: [fax]\n    when: { metric: a, above: 1 }\n"))
                .hasMessageContaining("kinds[0]: 'fax' is not one of");
        assertThatThrownBy(() -> layered(dir, "rules:\n  - id: x\n    target: node\n    kinds: [printer]\n"
                + "    when: { metric: a, above: 1 }\n")).hasMessageContaining("has no device kinds");
        assertThatThrownBy(() -> layered(dir, "rules:\n  - id: x\n    when: { metric: a, risesBy: 10 }\n"))
                .hasMessageContaining("withinSeconds: is required with risesBy");
    }

    @Test
    void badOverridesAndNotificationsAreRefusedToo(@TempDir Path dir) {
        assertThatThrownBy(() -> layered(dir, "overrides:\n  - rule: no-such-rule\n    enabled: false\n"))
                .hasMessageContaining("overrides[2].rule: no rule has the id 'no-such-rule'");
        assertThatThrownBy(() -> layered(dir, "overrides:\n  - rule: printer-paper-out\n    threshold: 3\n"))
                .hasMessageContaining("has no numeric threshold");
        assertThatThrownBy(() -> layered(dir, "notifications:\n  recipients:\n    - { name: a, email: a@b.fr }\n"))
                .hasMessageContaining("e-mail needs notifications.smtp");
        assertThatThrownBy(() -> layered(dir, "notifications:\n  recipients:\n    - { name: a, webhook: 'ftp://x' }\n"))
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> layered(dir, "notifications:\n  recipients:\n    - { name: a }\n"))
                .hasMessageContaining("needs an email, a webhook or both");
        assertThatThrownBy(() -> layered(dir, "notifications:\n  smtp: { host: h, from: a@b.fr, username: u,"
                + " passwordEnv: NOT_SET_ANYWHERE }\n")).hasMessageContaining("NOT_SET_ANYWHERE is not set");
        assertThatThrownBy(() -> layered(dir, "rules: [\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> layered(dir, "- just\n- a list\n")).hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> loader.load(Optional.of(dir.resolve("missing.yaml"))))
                .hasMessageContaining("cannot read the alert rules");
    }
}
