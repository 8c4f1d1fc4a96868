package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceException;
import java.time.Duration;

/**
 * One opened reader connection (an input device, a serial port): its bytes as they come. The
 * library behind it (JNA, jSerialComm) stays behind this port.
 */
interface ByteSource extends AutoCloseable {
    /**
     * Waits at most {@code wait} for bytes and copies them into {@code buffer}.
     *
     * @return how many bytes were read, 0 if none came in time
     * @throws ReaderGoneException the reader went away; the source is then useless
     */
    int read(byte[] buffer, Duration wait) throws ReaderGoneException;

    /** Releases the device; never throws. */
    @Override
    void close();

    /** Opens a reader's connection; tried again later by the caller when it fails. */
    @FunctionalInterface
    interface Opener {
        ByteSource open() throws DeviceException;
    }
}
