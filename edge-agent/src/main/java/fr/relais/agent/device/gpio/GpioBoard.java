package fr.relais.agent.device.gpio;

import com.pi4j.Pi4J;
import com.pi4j.boardinfo.util.BoardInfoHelper;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import fr.relais.agent.device.DeviceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pi's GPIO header for one node runtime: one Pi4J context, shared by every GPIO device through
 * {@code context.shared(GpioBoard.class, GpioBoard::onThePi)}. It hands out lines to devices,
 * refuses a pin a second owner asks for (naming both), and on {@link #close} releases every line
 * it handed out (outputs go back to "off") and the GPIO chip, so the next runtime can take them.
 */
public final class GpioBoard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpioBoard.class);

    private final Context pi4j;
    private final String inputProvider;
    private final String outputProvider;
    private final boolean ownsContext;
    /** By BCM number: who holds the pin (such as {@code door-coworking.relay}). */
    private final Map<Integer, String> owners = new TreeMap<>();
    private boolean closed;

    private GpioBoard(Context pi4j, String inputProvider, String outputProvider, boolean ownsContext) {
        this.pi4j = pi4j;
        this.inputProvider = inputProvider;
        this.outputProvider = outputProvider;
        this.ownsContext = ownsContext;
    }

    /**
     * The header of a Pi 4 or Pi 5 on Raspberry Pi OS Bookworm (64-bit), through the kernel's GPIO
     * character device (Pi4J's gpiod plugin, which brings its own libgpiod). The agent's user must
     * be in the {@code gpio} group.
     *
     * @throws IllegalStateException off a Pi, or when Pi4J does not know this board (it then opens
     *                               no GPIO chip at all)
     */
    public static GpioBoard onThePi() {
        Context context;
        try {
            context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot start Pi4J's gpiod provider: " + e, e);
        }
        if (!BoardInfoHelper.runningOnRaspberryPi()) {
            shutdown(context);
            throw new IllegalStateException("no Raspberry Pi GPIO header here: Pi4J does not recognise this board"
                    + " (the gpio drivers need a Pi 4 or Pi 5)");
        }
        return new GpioBoard(context, GpioDDigitalInputProvider.ID, GpioDDigitalOutputProvider.ID, true);
    }

    /**
     * A board over a Pi4J context someone else built (a test's mock context). With
     * {@code ownsContext} false, {@link #close} releases this board's lines but leaves the context
     * running, so a test can show that a second board then gets the same pins.
     */
    static GpioBoard over(Context pi4j, String inputProvider, String outputProvider, boolean ownsContext) {
        return new GpioBoard(pi4j, inputProvider, outputProvider, ownsContext);
    }

    /**
     * A board over a Pi4J context the caller built and keeps (a benchmark's mock context): closing
     * the board releases its lines, never the context.
     */
    public static GpioBoard borrowing(Context pi4j, String inputProvider, String outputProvider) {
        return over(pi4j, inputProvider, outputProvider, false);
    }

    /** A device's set of lines on this board, released together. */
    public Wiring wiring(String device) {
        return new Wiring(this, device);
    }

    /** Which pin is held by whom, by BCM number (for {@code agent check} and tests). */
    public synchronized Map<Integer, String> owners() {
        return new LinkedHashMap<>(owners);
    }

    synchronized InputLine input(Pin pin, String owner) throws DeviceException {
        claim(pin, owner);
        try {
            DigitalInput io = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id(owner)
                    .address(pin.bcm())
                    .pull(pull(pin.pull()))
                    // Every edge reaches us, as with the mock provider: the drivers settle bounces themselves.
                    .debounce(0L)
                    .provider(inputProvider));
            return new BoardInput(io, pin);
        } catch (RuntimeException | LinkageError e) {
            owners.remove(pin.bcm());
            throw new DeviceException("cannot take " + pin + " as an input for " + owner + ": " + e.getMessage(), e);
        }
    }

    synchronized OutputLine output(Pin pin, String owner) throws DeviceException {
        claim(pin, owner);
        try {
            DigitalOutput io = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id(owner)
                    .address(pin.bcm())
                    .initial(BoardOutput.level(pin, false))
                    .shutdown(BoardOutput.level(pin, false))
                    .provider(outputProvider));
            return new BoardOutput(io, pin);
        } catch (RuntimeException | LinkageError e) {
            owners.remove(pin.bcm());
            throw new DeviceException("cannot take " + pin + " as an output for " + owner + ": " + e.getMessage(), e);
        }
    }

    /** Gives the pin back (an output is switched off first, by its shutdown level). */
    synchronized void release(Pin pin, String owner) {
        if (!owner.equals(owners.get(pin.bcm()))) {
            return;
        }
        owners.remove(pin.bcm());
        if (closed) {
            return;
        }
        try {
            pi4j.shutdown(owner);
        } catch (RuntimeException e) {
            LOG.warn("releasing {} ({}) failed: {}", pin, owner, e.toString());
        }
    }

    private void claim(Pin pin, String owner) throws DeviceException {
        if (closed) {
            throw new DeviceException("the GPIO board of this runtime is closed; " + owner + " cannot take " + pin);
        }
        String holder = owners.get(pin.bcm());
        if (holder != null) {
            throw new DeviceException("BCM " + pin.bcm() + " is already used by " + holder + "; " + owner
                    + " cannot use it too (one pin, one function per node)");
        }
        owners.put(pin.bcm(), owner);
    }

    private static PullResistance pull(Pull pull) {
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }

    /** Releases every line still held, then (if it is ours) the Pi4J context and the GPIO chip. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (Map.Entry<Integer, String> held : new TreeMap<>(owners).entrySet()) {
            try {
                pi4j.shutdown(held.getValue());
            } catch (RuntimeException e) {
                LOG.warn("releasing BCM {} ({}) failed: {}", held.getKey(), held.getValue(), e.toString());
            }
        }
        owners.clear();
        closed = true;
        if (ownsContext) {
            shutdown(pi4j);
        }
    }

    private static void shutdown(Context context) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            LOG.warn("shutting Pi4J down failed: {}", e.toString());
        }
    }
}
