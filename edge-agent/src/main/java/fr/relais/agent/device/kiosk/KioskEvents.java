package fr.relais.agent.device.kiosk;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The events of the kiosk's process, with the French a technician reads on the dashboard. */
final class KioskEvents {
    private KioskEvents() {
    }

    /** systemd restarted the kiosk by itself ({@code NRestarts} went up): it had crashed or exited. */
    static DeviceEvent crashed(long times, UnitStatus status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("restarts", times);
        status.restarts().ifPresent(total -> data.put("unitRestarts", total));
        if (!status.exitCode().isEmpty()) {
            data.put("exitCode", status.exitCode());
        }
        status.exitStatus().ifPresent(exit -> data.put("exitStatus", exit));
        String how = switch (status.exitCode()) {
            case "exited" -> "s'est arrêté de lui-même (code de sortie " + status.exitStatus().orElse(-1) + ")";
            case "killed", "dumped" -> "a été tué par le signal " + signal(status.exitStatus().orElse(-1));
            default -> "s'est arrêté";
        };
        String often = times > 1 ? ", " + times + " fois depuis la dernière vérification" : "";
        return new DeviceEvent("kiosk-crashed", Severity.WARNING,
                "Le kiosque " + how + " ; systemd l'a relancé" + often + ".", data);
    }

    static DeviceEvent restarted(Duration silence, int missed, ProgramResult result) {
        Map<String, Object> data = data(silence, missed, result);
        if (result.succeeded()) {
            return new DeviceEvent("kiosk-restarted", Severity.WARNING, "Le kiosque ne donnait plus signe de vie depuis "
                    + silence.toSeconds() + " s : il a été redémarré.", data);
        }
        return new DeviceEvent("kiosk-restart-failed", Severity.CRITICAL, "Le kiosque ne donnait plus signe de vie"
                + " depuis " + silence.toSeconds() + " s, et son redémarrage a échoué : " + result.failureFr() + ".", data);
    }

    static DeviceEvent notComingBack(int restarts, Duration silence) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("restartsLastHour", (long) restarts);
        data.put("silenceSeconds", silence.toSeconds());
        return new DeviceEvent("kiosk-not-coming-back", Severity.CRITICAL, "Le kiosque ne revient pas : "
                + restarts + (restarts > 1 ? " redémarrages en une heure n'ont" : " redémarrage en une heure n'a")
                + " pas suffi. La surveillance"
                + " ne le redémarre plus jusqu'à ce qu'il redonne signe de vie ; une intervention est nécessaire.", data);
    }

    static DeviceEvent recovered() {
        return new DeviceEvent("kiosk-recovered", Severity.INFO, "Le kiosque donne de nouveau signe de vie.", Map.of());
    }

    private static Map<String, Object> data(Duration silence, int missed, ProgramResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", "missed-heartbeats");
        data.put("missedHeartbeats", (long) missed);
        data.put("silenceSeconds", silence.toSeconds());
        data.putAll(result.data());
        return data;
    }

    private static String signal(long number) {
        return switch ((int) number) {
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> String.valueOf(number);
        };
    }
}
