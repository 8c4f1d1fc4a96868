package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edge-agent/packaging/relais-screen, what relais-screen@on/off.service run as the kiosk's user:
 * in a runtime folder holding a real Unix socket where cage keeps its own, with a stand-in
 * {@code wlr-randr} (a compositor needs a screen) that answers as wlr-randr 0.2.0 does, or as it
 * does against Debian bookworm's cage 0.1.4, and a /sys of its own holding a panel's backlight.
 */
class ScreenSwitchTest {
    private static final Path SWITCH = Path.of("packaging/relais-screen").toAbsolutePath();
    /** What wlr-randr 0.2.0 prints: each output's name and description, its details indented. */
    private static final String HEADS = """
            HDMI-A-1 "Iiyama North America PL2483H (HDMI-A-1)"
              Enabled: yes
              Modes:
                1920x1080 px, 60.000000 Hz (preferred, current)
            DSI-1 "Unknown (DSI-1)"
              Enabled: yes
            """;

    @TempDir
    Path work;
    private Path runtime;
    private Path sys;
    private Path calls;
    private ServerSocketChannel cage;

    @BeforeEach
    void setUp() throws IOException {
        runtime = Files.createDirectories(work.resolve("run-user-1001"));
        sys = Files.createDirectories(work.resolve("sys"));
        calls = work.resolve("wlr-randr.calls");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(work.resolve("heads.txt"), HEADS);
        Path wlrRandr = Files.writeString(bin.resolve("wlr-randr"), """
                #!/bin/sh
                if [ -n "${FAKE_UNSUPPORTED:-}" ]; then
                  echo "compositor doesn't support wlr-output-management-unstable-v1" >&2
                  exit 1
                fi
                if [ $# -eq 0 ]; then cat "$FAKE_HEADS"; exit 0; fi
                echo "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY $*" >> "$FAKE_CALLS"
                """);
        Files.setPosixFilePermissions(wlrRandr, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void closeSocket() throws IOException {
        if (cage != null) {
            cage.close();
        }
    }

    @Test
    void offSwitchesEveryOutputOfCageThroughItsSocket() throws Exception {
        cageListens("wayland-0");

        Result off = run(Map.of(), "off");

        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly(
                runtime + "/wayland-0 --output HDMI-A-1 --off",
                runtime + "/wayland-0 --output DSI-1 --off");
        assertThat(off.output()).contains("outputs: HDMI-A-1 off", "outputs: DSI-1 off", "backlight: none");
    }

    @Test
    void theSocketIsFoundWhateverItsNumberAndItsLockFileIsNotTakenForIt() throws Exception {
        Files.writeString(runtime.resolve("wayland-0.lock"), "");
        cageListens("wayland-1");

        Result on = run(Map.of(), "on");

        assertThat(on.exitCode()).as(on.output()).isZero();
        assertThat(Files.readAllLines(calls)).first().isEqualTo(runtime + "/wayland-1 --output HDMI-A-1 --on");
    }

    /** Debian bookworm's cage 0.1.4 has no output management: a DSI panel is still switched by its backlight. */
    @Test
    void withoutOutputManagementThePanelsBacklightIsSwitched() throws Exception {
        cageListens("wayland-0");
        Path power = backlight("10-0045");

        Result off = run(Map.of("FAKE_UNSUPPORTED", "1"), "off");
        String afterOff = Files.readString(power).strip();
        Result on = run(Map.of("FAKE_UNSUPPORTED", "1"), "on");

        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(afterOff).as("FB_BLANK_POWERDOWN").isEqualTo("4");
        assertThat(off.output()).contains("compositor doesn't support wlr-output-management-unstable-v1",
                "cage 0.2.0 or later", "backlight: 10-0045 off");
        assertThat(on.exitCode()).as(on.output()).isZero();
        assertThat(Files.readString(power).strip()).isEqualTo("0");
    }

    /** An HDMI screen on bookworm's cage: nothing can switch it, and the unit fails, so the watch says screen-failed. */
    @Test
    void whenNeitherWayWorksItFailsSayingWhyForEach() throws Exception {
        cageListens("wayland-0");

        Result off = run(Map.of("FAKE_UNSUPPORTED", "1"), "off");

        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.output()).contains("wlr-output-management-unstable-v1", "backlight: none",
                "the screen could not be switched off");
    }

    @Test
    void withoutTheKioskThereIsNoSocketAndWlrRandrIsNotRun() throws Exception {
        Result off = run(Map.of(), "off");

        assertThat(off.exitCode()).isEqualTo(1);
        assertThat(off.output()).contains("no Wayland socket in " + runtime, "systemctl status relais-kiosk");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aBacklightItCannotWriteIsNamedAndTheOutputsStillCount() throws Exception {
        cageListens("wayland-0");
        // Even root cannot write into a folder as into a file.
        Files.createDirectories(sys.resolve("class/backlight/rpi_backlight/bl_power"));

        Result off = run(Map.of(), "off");

        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(off.output()).contains("backlight: cannot write " + sys + "/class/backlight/rpi_backlight/bl_power",
                "group video", "outputs: HDMI-A-1 off");
    }

    @Test
    void onlyOnAndOffAreStates() throws Exception {
        cageListens("wayland-0");

        Result dim = run(Map.of(), "dim");
        Result none = run(Map.of());

        assertThat(dim.exitCode()).isEqualTo(2);
        assertThat(dim.output()).contains("Usage: relais-screen on|off");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(calls).doesNotExist();
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        Path shellcheck = onPath("shellcheck");
        assertThat(shellcheck).as("shellcheck is not installed: apt-get install shellcheck (./relais test as root"
                + " installs what the tests need)").isNotNull();

        Process lint = new ProcessBuilder(shellcheck.toString(), "-s", "bash", SWITCH.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(lint.exitValue()).as("shellcheck: %s", output).isZero();
        assertThat(Files.isExecutable(SWITCH)).isTrue();
    }

    /** A listening Unix socket where cage would make its own. */
    private void cageListens(String name) throws IOException {
        cage = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        cage.bind(UnixDomainSocketAddress.of(runtime.resolve(name)));
    }

    private Path backlight(String name) throws IOException {
        Path folder = Files.createDirectories(sys.resolve("class/backlight").resolve(name));
        return Files.writeString(folder.resolve("bl_power"), "0\n");
    }

    record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(concat(SWITCH.toString(), arguments)).directory(work.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // A developer's own Wayland session must not be the one switched.
        environment.remove("WAYLAND_DISPLAY");
        Map<String, String> fake = new HashMap<>(Map.of("XDG_RUNTIME_DIR", runtime.toString(),
                "RELAIS_SCREEN_SYS", sys.toString(), "FAKE_CALLS", calls.toString(),
                "FAKE_HEADS", work.resolve("heads.txt").toString(),
                "PATH", work.resolve("bin") + ":" + System.getenv("PATH")));
        fake.putAll(extra);
        environment.putAll(fake);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static Path onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
