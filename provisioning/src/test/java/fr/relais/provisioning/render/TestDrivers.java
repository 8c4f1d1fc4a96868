package fr.relais.provisioning.render;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.simulated.SimulatedDriver;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drivers shaped like the agent's hardware drivers (a required URI, a nested block, a badge
 * reader), so that provisioning's check is tested against the agent's real loader before those
 * drivers exist in this branch. They only read settings: provisioning never makes a device.
 */
final class TestDrivers {
    private TestDrivers() {
    }

    static DriverRegistry registry() {
        return DriverRegistry.of(List.of(new SimulatedDriver(), new Printer(), new Reader()));
    }

    /** {@code settings: {uri: ipp://…, tonerWarningPercent, token, throughput: {maxBytes}}}, uri required. */
    static final class Printer extends SettingsOnly {
        @Override
        public String driver() {
            return "test-ipp";
        }

        @Override
        public Set<DeviceKind> kinds() {
            return Set.of(DeviceKind.PRINTER);
        }

        @Override
        public Object settings(StrictObject device) throws FieldException {
            StrictObject settings = device.object("settings");
            String uri = settings.text("uri");
            if (!uri.startsWith("ipp://")) {
                throw new FieldException(settings.field("uri"), "'" + uri + "' is not an ipp:// URI");
            }
            settings.longIn("tonerWarningPercent", 0, 100, 10);
            settings.optionalText("token");
            Optional<StrictObject> throughput = settings.optionalObject("throughput");
            if (throughput.isPresent()) {
                throughput.get().longIn("maxBytes", 1, 100_000_000, 1_000_000);
                throughput.get().finish();
            }
            settings.finish();
            return uri;
        }
    }

    /** A badge reader with no settings: the node then needs badges.hashKey. */
    static final class Reader extends SettingsOnly {
        @Override
        public String driver() {
            return "test-wiegand";
        }

        @Override
        public Set<DeviceKind> kinds() {
            return Set.of(DeviceKind.BADGE_READER);
        }

        @Override
        public boolean readsBadges() {
            return true;
        }

        @Override
        public Object settings(StrictObject device) throws FieldException {
            device.optionalObject("settings").orElse(null);
            return "reader";
        }
    }

    private abstract static class SettingsOnly implements DriverFactory {
        @Override
        public Device create(DeviceConfig config, DriverContext context) {
            throw new UnsupportedOperationException("provisioning only checks settings");
        }
    }
}
