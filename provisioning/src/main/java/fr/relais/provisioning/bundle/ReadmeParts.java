package fr.relais.provisioning.bundle;

import java.util.Map;

/**
 * The parts of README.txt that depend on what the node has (a kiosk, a client certificate).
 * They are whole lines filled into the template, so the template stays one readable file
 * without conditionals.
 */
final class ReadmeParts {
    private static final String CLIENT_FILES = """
              client.crt              the node's TLS certificate             -> /etc/relais/client.crt (0644)
              client.key              its private key                        -> /etc/relais/client.key (0600)
            """;
    private static final String KIOSK_FILES = """
              relais-kiosk.service    the kiosk's systemd unit (cage, tty1)  -> /etc/systemd/system/
              relais-screen@.service  switches the screen as the kiosk's user -> /etc/systemd/system/
              relais-screen           what it runs (wlr-randr, backlight)    -> /opt/relais/relais-screen (0755)
            """;
    private static final String KIOSK_BUILD = """
                 relais-kiosk.jar must be built for the Pi (a PC's does not start there):
                   mvn -B -pl kiosk -am package -Djavafx.platform=linux-aarch64
            """;
    private static final String KIOSK_YAML_MISSING = """
                 kiosk.yaml is the kiosk's configuration: site name and kind, see kiosk/kiosk.example.yaml
                 (or put it at /etc/relais/kiosk.yaml yourself).
            """;
    private static final String KIOSK_YAML = """
              kiosk.yaml              the kiosk's configuration              -> /etc/relais/kiosk.yaml (0644)
            """;
    private static final String SITE_BROKER_FILES = """
              site-broker.conf        the site broker (bridge to the central) -> /etc/relais-site-broker/mosquitto.conf (0640)
              relais-site-broker.service  its systemd unit (the agent talks to it on 127.0.0.1:1884)
            """;
    private static final String KIOSK_NOTES = """

            The kiosk
              It runs as the user "relais-kiosk" inside cage, a Wayland compositor made for kiosks
              (installed by install.sh with Xwayland, through which JavaFX draws), full screen on tty1.
              Visitors see the kiosk and nothing else: no desktop, panel or task switcher behind it,
              no way to another console. If it stops, systemd starts it again. It touches
              /run/relais-kiosk/heartbeat every 5 s: with a kiosk-watch device in agent.yaml, the agent
              restarts a kiosk whose screen froze and switches the screen with the opening hours,
              by starting relais-screen@off.service or @on.service (check by hand:
              sudo -u relais systemctl start relais-screen@off.service; journalctl -u 'relais-screen@*').
              cage older than 0.2.0 (bookworm's 0.1.4) cannot switch an HDMI screen off: install.sh
              warns, and then only a DSI panel's backlight is switched.
              Because cage takes the screen, install.sh disables the desktop's display manager
              (lightdm): this Pi no longer shows a desktop. Reboot once after install.sh to start
              the kiosk. Check: systemctl status relais-kiosk; journalctl -u relais-kiosk
              Undo: sudo systemctl disable relais-kiosk && sudo systemctl enable lightdm && sudo reboot
            """;

    private ReadmeParts() {
    }

    static Map<String, String> of(BundleInput input) {
        boolean kiosk = input.hasKiosk();
        boolean client = input.clientCertificate().isPresent();
        boolean kioskYaml = input.kioskYaml().isPresent();
        boolean siteBroker = input.siteBrokerConfig().isPresent();
        return Map.of(
                "CLIENT_KEY_NOTE", (client ? ", client.key its TLS private key" : "")
                        + (siteBroker ? ", site-broker.conf the same password for the bridge" : ""),
                "CLIENT_FILES", (client ? CLIENT_FILES : "") + (siteBroker ? SITE_BROKER_FILES : ""),
                "KIOSK_FILES", kiosk ? KIOSK_FILES + (kioskYaml ? KIOSK_YAML : "") : "",
                "KIOSK_JAR", kiosk ? (kioskYaml ? " relais-kiosk.jar" : " relais-kiosk.jar kiosk.yaml") : "",
                "KIOSK_BUILD", kiosk ? KIOSK_BUILD + (kioskYaml ? "" : KIOSK_YAML_MISSING) : "",
                "KIOSK_NOTES", kiosk ? KIOSK_NOTES : "");
    }
}
