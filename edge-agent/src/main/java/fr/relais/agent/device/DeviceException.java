package fr.relais.agent.device;

/** The hardware cannot be reached or held (port absent, line busy, permission denied). */
public class DeviceException extends Exception {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
