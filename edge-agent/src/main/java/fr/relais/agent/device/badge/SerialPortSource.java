package fr.relais.agent.device.badge;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import fr.relais.agent.device.DeviceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port opened through jSerialComm, 8N1 without flow control. jSerialComm resolves a
 * symbolic link ({@code /dev/serial/by-id/…}, a test's pty link) once, when the port object is
 * made: each opening makes a new one, so a reader plugged back under another {@code ttyUSB} number
 * is found through its stable link.
 */
final class SerialPortSource implements ByteSource {
    private static final int EACCES = 13;
    private static final int EBUSY = 16;

    private final SerialPort port;
    private final String path;
    private int waitMillis = -1;

    private SerialPortSource(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    static SerialPortSource open(String path, int baud) throws DeviceException {
        // jSerialComm turns a missing path into a port under /dev/ named after it, or throws: say it plainly.
        if (!Files.exists(Path.of(path))) {
            throw new DeviceException("no serial port " + path
                    + " (reader unplugged, or a wrong path: see ls -l /dev/serial/by-id/)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new DeviceException("no serial port " + path + " (" + e.getMessage() + ")");
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new DeviceException(openProblem(path, port.getLastErrorCode()));
        }
        return new SerialPortSource(port, path);
    }

    private static String openProblem(String path, int errno) {
        return switch (errno) {
            case EACCES -> "permission denied on " + path
                    + ": the agent's user must be in group dialout (usermod -aG dialout relais)";
            case EBUSY -> path + " is busy: another program holds it (a second agent, ModemManager?)";
            default -> "cannot open serial port " + path + " (errno " + errno + ")";
        };
    }

    @Override
    public int read(byte[] buffer, Duration wait) throws ReaderGoneException {
        int millis = (int) Math.max(1, wait.toMillis());
        if (millis != waitMillis) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, millis, 0);
            waitMillis = millis;
        }
        int read = port.readBytes(buffer, buffer.length);
        if (read < 0 || !port.isOpen()) {
            throw new ReaderGoneException("serial port " + path + " went away (read error)");
        }
        return read;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
