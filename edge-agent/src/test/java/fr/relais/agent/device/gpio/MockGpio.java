package fr.relais.agent.device.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.Gpio;
import com.pi4j.io.gpio.digital.Digital;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.Mock;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pi4J's mock platform as a Pi's header for tests: boards over it, and the test's hands on its
 * pins by BCM number (drive an input's electrical level, read an output's, record an output's
 * changes). Levels here are electrical: an active-low contact reads "closed" when low.
 */
final class MockGpio implements AutoCloseable {
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(new MockPlatform())
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
            .build();

    /** A board that owns this mock context, as a runtime's board owns the Pi's. */
    GpioBoard board() {
        return GpioBoard.over(pi4j, Mock.DIGITAL_INPUT_PROVIDER_ID, Mock.DIGITAL_OUTPUT_PROVIDER_ID, true);
    }

    /** A board whose close releases its lines but leaves the mock header running for the next board. */
    GpioBoard boardOfOneRuntime() {
        return GpioBoard.over(pi4j, Mock.DIGITAL_INPUT_PROVIDER_ID, Mock.DIGITAL_OUTPUT_PROVIDER_ID, false);
    }

    /** Drives an input pin to an electrical level (its listeners run on this thread). */
    void set(int bcm, boolean high) {
        MockDigitalInput input = (MockDigitalInput) io(bcm).orElseThrow(
                () -> new AssertionError("nobody holds BCM " + bcm));
        input.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** A pulse to low and back to high, as a Wiegand reader sends a bit. */
    void pulseLow(int bcm) {
        set(bcm, false);
        set(bcm, true);
    }

    boolean high(int bcm) {
        return io(bcm).orElseThrow(() -> new AssertionError("nobody holds BCM " + bcm)).isHigh();
    }

    /** Whether a line is held on {@code bcm} by anyone (the board's or another). */
    boolean held(int bcm) {
        return io(bcm).isPresent();
    }

    /** Every electrical level an output takes from now on (true for high). */
    List<Boolean> record(int bcm) {
        List<Boolean> levels = new CopyOnWriteArrayList<>();
        DigitalOutput output = (DigitalOutput) io(bcm).orElseThrow(() -> new AssertionError("nobody holds BCM " + bcm));
        output.addListener(event -> levels.add(event.state() == DigitalState.HIGH));
        return levels;
    }

    @SuppressWarnings("rawtypes")
    private Optional<Digital> io(int bcm) {
        return pi4j.registry().all().values().stream()
                .filter(io -> io instanceof Gpio<?, ?, ?> gpio && gpio.address().intValue() == bcm)
                .map(Digital.class::cast)
                .findFirst();
    }

    @Override
    public void close() {
        if (!pi4j.isShutdown()) {
            pi4j.shutdown();
        }
    }
}
