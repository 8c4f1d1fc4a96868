package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceAction;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Wiegand badge reader (26 or 34 bits). A card becomes a {@link BadgeEvents#read} with only the
 * keyed hash of its number; anything else a {@link BadgeEvents#rejected} with the reason. Its LED
 * and buzzer, if wired to the Pi, play the access decision's {@link SignalPattern}.
 */
final class WiegandReader extends GpioDevice implements StatusSignals {
    private static final Logger LOG = LoggerFactory.getLogger(WiegandReader.class);

    private final WiegandSettings settings;
    private final BadgeHasher badges;
    private volatile WiegandReceiver receiver;
    private volatile Signals signals;
    private long framesRead;
    private long rejectedFrames;
    private String lastRejection = "";

    WiegandReader(DeviceConfig config, WiegandSettings settings, DriverContext context) {
        super(config, context);
        this.settings = settings;
        this.badges = context.badges();
    }

    @Override
    protected void attach(Wiring wiring) throws DeviceException {
        InputLine d0 = wiring.input("d0", settings.d0());
        InputLine d1 = wiring.input("d1", settings.d1());
        Optional<OutputLine> led = settings.led().isEmpty() ? Optional.empty()
                : Optional.of(wiring.output("led", settings.led().get()));
        Optional<OutputLine> buzzer = settings.buzzer().isEmpty() ? Optional.empty()
                : Optional.of(wiring.output("buzzer", settings.buzzer().get()));
        signals = new Signals(led, buzzer, timers);
        WiegandReceiver frames = new WiegandReceiver(d0, d1, settings.frameTimeout(), timers);
        frames.start(this::frame);
        receiver = frames;
    }

    @Override
    protected void detach() {
        WiegandReceiver frames = receiver;
        receiver = null;
        if (frames != null) {
            frames.stop();
        }
        Signals shown = signals;
        signals = null;
        if (shown != null) {
            shown.stop();
        }
    }

    private void frame(long bits, int length, boolean noise) {
        WiegandFrame frame = noise ? WiegandDecoder.noise() : WiegandDecoder.decode(bits, length);
        if (frame instanceof WiegandFrame.Card card) {
            synchronized (this) {
                framesRead++;
            }
            push(BadgeEvents.read(badges.hash(card.number()), card.format()));
            return;
        }
        WiegandFrame.Rejected rejected = (WiegandFrame.Rejected) frame;
        synchronized (this) {
            rejectedFrames++;
            lastRejection = rejected.code();
        }
        LOG.info("{}: Wiegand frame of {} bits rejected ({})", config.id(), length, rejected.code());
        push(BadgeEvents.rejected(rejected.reason(), rejected.format()));
    }

    @Override
    public void signal(SignalPattern pattern) {
        Signals shown = signals;
        if (shown != null) {
            shown.play(pattern);
        }
    }

    @Override
    public Map<String, DeviceAction> actions() {
        return Map.of(SignalAction.NAME, args -> SignalAction.run(() -> signals, args));
    }

    @Override
    protected synchronized Reading reading(Instant now) {
        WiegandReceiver frames = receiver;
        boolean bothActive = frames != null && frames.bothActive();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("framesRead", framesRead);
        metrics.put("rejectedFrames", rejectedFrames);
        metrics.put("lastRejection", lastRejection);
        metrics.put("dataLinesLow", bothActive);
        if (bothActive) {
            metrics.put("problem", "D0 and D1 are both low: reader unpowered, unplugged, or no pull-up");
        }
        return Reading.of(bothActive ? Health.WARNING : Health.OK, metrics);
    }
}
