package fr.relais.agent.device.badge;

import fr.relais.protocol.WireValue;
import java.util.function.Supplier;

/** How a serial badge reader frames its numbers ({@code format:} of the {@code serial-badge} driver). */
enum SerialFrameFormat implements WireValue {
    RDM6300("rdm6300", "rdm6300", Rdm6300Decoder::new),
    LINE("line", "serial-line", LineDecoder::new);

    private final String wire;
    private final String eventFormat;
    private final Supplier<FrameDecoder> decoders;

    SerialFrameFormat(String wire, String eventFormat, Supplier<FrameDecoder> decoders) {
        this.wire = wire;
        this.eventFormat = eventFormat;
        this.decoders = decoders;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The {@code format} of the badge events. */
    String eventFormat() {
        return eventFormat;
    }

    Supplier<FrameDecoder> decoders() {
        return decoders;
    }
}
