package fr.relais.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line only; opening the screen is covered by the UI tests. */
class KioskLauncherTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpDescribesTheOptions() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--check-config", "--heartbeat-file=FILE",
                "--heartbeat-seconds=N", "--agent-link=FILE", "--screenshots=DIR", "--bench", "--calling-display",
                "Exit codes:", "10");
    }

    @Test
    void aHeartbeatPeriodOutOfRangeIsAUsageError() {
        int code = run("--check-config", "--heartbeat-file", dir.resolve("heartbeat").toString(),
                "--heartbeat-seconds", "0");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--heartbeat-seconds must be between 1 and 60, got 0");
    }

    @Test
    void checksAValidFileWithoutOpeningTheScreen() throws IOException {
        Path file = Files.writeString(dir.resolve("kiosk.yaml"),
                "site: {name: Bus France Services, kind: van}\nidleTimeoutSeconds: 60\n");

        int code = run("--config", file.toString(), "--check-config");

        assertThat(code).isZero();
        assertThat(out.toString())
                .isEqualTo("Configuration OK: Bus France Services (van), idle timeout 60 s, full screen yes"
                        + System.lineSeparator());
    }

    @Test
    void theAgentLinkOptionOverridesTheConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("kiosk.yaml"),
                "site: {name: Bus France Services, kind: van}\nagent: {linkFile: /run/relais-agent/kiosk-link.json}\n");

        assertThat(run("--config", file.toString(), "--check-config")).isZero();
        assertThat(out.toString()).contains("agent link /run/relais-agent/kiosk-link.json");

        out.getBuffer().setLength(0);
        assertThat(run("--config", file.toString(), "--agent-link", "/tmp/demo-link.json", "--check-config")).isZero();
        assertThat(out.toString()).contains("agent link /tmp/demo-link.json");
    }

    @Test
    void anEmptyAgentSectionNamesTheMissingField() throws IOException {
        Path file = Files.writeString(dir.resolve("kiosk.yaml"), "site: {name: X, kind: van}\nagent: {}\n");

        assertThat(run("--config", file.toString(), "--check-config")).isEqualTo(KioskLauncher.EXIT_INVALID_CONFIG);
        assertThat(err.toString()).contains("agent.linkFile is missing");
    }

    @Test
    void withoutConfigTheDemoIsUsed() {
        int code = run("--check-config");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Tiers-lieu numérique de Montcornet (mediation)");
    }

    @Test
    void anInvalidFileStopsTheKioskNamingTheField() throws IOException {
        Path file = Files.writeString(dir.resolve("kiosk.yaml"), "site: {name: X, kind: bus}\n");

        int code = run("--config", file.toString());

        assertThat(code).isEqualTo(KioskLauncher.EXIT_INVALID_CONFIG);
        assertThat(err.toString()).contains("site.kind 'bus' is not one of mediation, coworking, van");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        int code = run("--fullscreen");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--fullscreen'");
    }

    private int run(String... args) {
        return new CommandLine(new KioskLauncher())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
