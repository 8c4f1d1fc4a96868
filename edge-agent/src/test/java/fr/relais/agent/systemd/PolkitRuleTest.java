package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.kiosk.KioskWatchSettings;
import fr.relais.agent.device.kiosk.ScreenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polkit rule of edge-agent/packaging, run the way polkitd runs it, without a system bus:
 * by Duktape ({@code duk}, the engine polkitd embeds on Debian bookworm, so syntax it cannot read
 * fails here too), after polkitd's own {@code init.js} (taken from the polkitd binary: Action,
 * Subject, {@code polkit.addRule}, {@code polkit._runRules}), with actions carrying the details
 * systemd gives polkit ({@code unit}, {@code verb}).
 */
class PolkitRuleTest {
    private static final Path RULE = Path.of("packaging/relais-polkit.rules");
    private static final Path POLKITD = Path.of("/usr/lib/polkit-1/polkitd");
    private static final String MANAGE_UNITS = "org.freedesktop.systemd1.manage-units";

    @TempDir
    Path work;

    /** One question to polkit: who asks for what. */
    record Ask(String user, String action, String unit, String verb) {
        static Ask units(String user, String verb, String unit) {
            return new Ask(user, MANAGE_UNITS, unit, verb);
        }

        static Ask login(String user, String action) {
            return new Ask(user, action, null, null);
        }

        String script() {
            StringBuilder details = new StringBuilder();
            if (unit != null) {
                details.append("action._detail_unit = '").append(unit).append("'; action._detail_verb = '")
                        .append(verb).append("';");
            }
            return "(function () { var action = new Action(); action.id = '" + action + "'; " + details
                    + " var subject = new Subject(); subject.user = '" + user + "'; subject.groups = ['" + user
                    + "']; subject.pid = 4242; subject.local = false; subject.active = false;"
                    + " print('" + this + "=' + polkit._runRules(action, subject)); })();\n";
        }

        @Override
        public String toString() {
            return user + " " + action + (unit == null ? "" : " " + verb + " " + unit);
        }
    }

    @Test
    void theAgentsUserMayRestartTheKioskSwitchTheScreenAndRebootAndNothingElse() throws Exception {
        Map<Ask, String> expected = new LinkedHashMap<>();
        expected.put(Ask.units("relais", "restart", "relais-kiosk.service"), "yes");
        expected.put(Ask.units("relais", "start", "relais-screen@on.service"), "yes");
        expected.put(Ask.units("relais", "start", "relais-screen@off.service"), "yes");
        expected.put(Ask.login("relais", "org.freedesktop.login1.reboot"), "yes");
        expected.put(Ask.login("relais", "org.freedesktop.login1.reboot-multiple-sessions"), "yes");
        // Everything else falls through to the default policy (an administrator's password).
        expected.put(Ask.units("relais", "stop", "relais-kiosk.service"), "null");
        expected.put(Ask.units("relais", "start", "relais-kiosk.service"), "null");
        expected.put(Ask.units("relais", "restart", "relais-screen@off.service"), "null");
        expected.put(Ask.units("relais", "stop", "relais-screen@on.service"), "null");
        expected.put(Ask.units("relais", "start", "relais-screen@dim.service"), "null");
        expected.put(Ask.units("relais", "start", "relais-screen@.service"), "null");
        expected.put(Ask.units("relais", "start", "relais-agent.service"), "null");
        expected.put(Ask.units("relais", "start", "getty@tty1.service"), "null");
        expected.put(Ask.login("relais", MANAGE_UNITS), "null");
        expected.put(Ask.login("relais", "org.freedesktop.systemd1.manage-unit-files"), "null");
        expected.put(Ask.login("relais", "org.freedesktop.login1.power-off"), "null");
        // Not for anyone else, the kiosk's user included.
        expected.put(Ask.units("relais-kiosk", "start", "relais-screen@off.service"), "null");
        expected.put(Ask.units("relais-kiosk", "restart", "relais-kiosk.service"), "null");
        expected.put(Ask.units("pi", "start", "relais-screen@on.service"), "null");
        expected.put(Ask.login("pi", "org.freedesktop.login1.reboot"), "null");

        Map<String, String> answers = run(Files.readString(RULE, StandardCharsets.UTF_8), expected.keySet());

        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach((ask, result) -> wanted.put(ask.toString(), result));
        assertThat(answers).isEqualTo(wanted);
    }

    /** What the agent runs by default is what the rule allows: the watch's restart and screen commands. */
    @Test
    void theKioskWatchsDefaultCommandsAreTheOnesAllowed() throws Exception {
        List<List<String>> commands = List.of(KioskWatchSettings.defaultRestart(KioskWatchSettings.DEFAULT_UNIT),
                ScreenSettings.DEFAULT_ON, ScreenSettings.DEFAULT_OFF);
        List<Ask> asks = new ArrayList<>();
        for (List<String> command : commands) {
            assertThat(command).hasSize(3).first().isEqualTo("systemctl");
            asks.add(Ask.units("relais", command.get(1), command.get(2)));
        }

        Map<String, String> answers = run(Files.readString(RULE, StandardCharsets.UTF_8), asks);

        assertThat(answers.values()).containsOnly("yes").hasSize(3);
    }

    /** polkitd's engine is ECMAScript 5.1: a rule written for a newer JavaScript never loads on the Pi. */
    @Test
    void aRuleInJavaScriptPolkitdCannotReadFailsHere() throws Exception {
        String modern = "polkit.addRule((action, subject) => { let unit = action.lookup('unit'); return null; });\n";

        Process duk = duk(modern, List.of(Ask.login("relais", "org.freedesktop.login1.reboot")));
        String output = new String(duk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(duk.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(duk.exitValue()).as(output).isNotZero();
        assertThat(output).contains("SyntaxError");
    }

    private Map<String, String> run(String rule, Iterable<Ask> asks) throws IOException, InterruptedException {
        Process duk = duk(rule, asks);
        String output = new String(duk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(duk.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(duk.exitValue()).as("duk: %s", output).isZero();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : output.strip().split("\n")) {
            int equals = line.lastIndexOf('=');
            assertThat(equals).as("a line of the rule's answers: %s", line).isPositive();
            answers.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return answers;
    }

    private Process duk(String rule, Iterable<Ask> asks) throws IOException {
        Path duk = onPath("duk");
        assertThat(duk).as("duk is not installed: apt-get install duktape (./relais test as root installs what"
                + " the tests need)").isNotNull();
        // polkitd defines polkit itself, in C; init.js adds the rest.
        Path polkit = Files.writeString(work.resolve("0-polkit.js"), "var polkit = { log: function (message) {},"
                + " spawn: function (argv) { throw new Error('spawn: ' + argv); },"
                + " _userIsInNetGroup: function (user, netGroup) { return false; } };\n");
        Path init = Files.writeString(work.resolve("1-init.js"), polkitdInitJs());
        Path rules = Files.writeString(work.resolve("2-50-relais-agent.rules"), rule);
        StringBuilder checks = new StringBuilder();
        asks.forEach(ask -> checks.append(ask.script()));
        Path ask = Files.writeString(work.resolve("3-ask.js"), checks);
        return new ProcessBuilder(duk.toString(), polkit.toString(), init.toString(), rules.toString(), ask.toString())
                .redirectErrorStream(true).start();
    }

    /** polkitd's init.js, a C string inside the binary. */
    private static String polkitdInitJs() throws IOException {
        assertThat(POLKITD).as("polkitd is not installed: apt-get install polkitd (./relais test as root installs"
                + " what the tests need)").isRegularFile();
        byte[] binary = Files.readAllBytes(POLKITD);
        String text = new String(binary, StandardCharsets.ISO_8859_1);
        int anchor = text.indexOf("polkit._runRules = function");
        assertThat(anchor).as("polkitd's init.js in %s", POLKITD).isPositive();
        int start = text.lastIndexOf('\0', anchor) + 1;
        int end = text.indexOf('\0', anchor);
        String init = text.substring(start, end);
        assertThat(init).contains("function Action()", "function Subject()", "NOT_HANDLED");
        return init;
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
