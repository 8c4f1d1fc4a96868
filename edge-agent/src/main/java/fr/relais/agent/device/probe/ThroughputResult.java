package fr.relais.agent.device.probe;

import fr.relais.protocol.WireValue;
import java.util.Optional;

/**
 * One download test: the bytes received and over how long (from the answer's headers to the last
 * byte counted, so the handshakes are left out), how it ended, and the speed they give.
 */
record ThroughputResult(long bytes, double seconds, Ending ending, Optional<Failure> failure) {
    /** How a download ended: only {@code complete} and the two bounds are full measurements. */
    enum Ending implements WireValue {
        /** The server sent everything it meant to, below both bounds. */
        COMPLETE("complete"),
        /** {@code maxBytes} reached: the rest was refused by closing the connection. */
        BYTE_LIMIT("byte-limit"),
        /** {@code maxSeconds} reached: what came so far is the measurement. */
        TIME_LIMIT("time-limit"),
        /** The connection broke after the answer began: a partial, telling result. */
        DROPPED("dropped"),
        /** No answer, or an answer that was not the file. */
        FAILED("failed");

        private final String wire;

        Ending(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    static ThroughputResult failed(Failure failure) {
        return new ThroughputResult(0, 0, Ending.FAILED, Optional.of(failure));
    }

    /** Bits per second over the transfer, in Mbit/s (10^6); empty without bytes or duration. */
    Optional<Double> mbps() {
        if (bytes == 0 || seconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(Elapsed.round2(bytes * 8 / seconds / 1_000_000));
    }

    /** Whether the download ran to one of its ends instead of being cut short by a fault. */
    boolean whole() {
        return ending == Ending.COMPLETE || ending == Ending.BYTE_LIMIT || ending == Ending.TIME_LIMIT;
    }
}
