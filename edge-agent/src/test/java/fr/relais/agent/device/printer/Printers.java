package fr.relais.agent.device.printer;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.protocol.DeviceKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Printers made as the agent makes them: a validated configuration, then the driver. */
final class Printers {
    private Printers() {
    }

    static Device ipp(String uri, Duration readTimeout) {
        DeviceConfig config = new DeviceConfig("imprimante-accueil", DeviceKind.PRINTER, "Imprimante de l'accueil", "ipp",
                Duration.ofSeconds(10), readTimeout, new IppSettings(PrinterAddress.parse(uri),
                IppSettings.DEFAULT_TONER_WARNING_PERCENT, IppSettings.DEFAULT_TONER_CRITICAL_PERCENT));
        return new IppDriver().create(config, CONTEXT);
    }

    /** Only the clock is used by the ipp driver. */
    private static final DriverContext CONTEXT = new DriverContext() {
        @Override
        public String node() {
            return "rozoy-mediation-pi";
        }

        @Override
        public String site() {
            return "rozoy-mediation";
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public BadgeHasher badges() {
            throw new UnsupportedOperationException("printers read no badges");
        }

        @Override
        public ScheduledExecutorService timers() {
            throw new UnsupportedOperationException("printers need no timers");
        }

        @Override
        public <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
            throw new UnsupportedOperationException("printers share nothing");
        }

        @Override
        public boolean replayingBacklog() {
            return false;
        }
    };
}
