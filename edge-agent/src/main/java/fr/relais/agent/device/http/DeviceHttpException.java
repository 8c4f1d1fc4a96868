package fr.relais.agent.device.http;

/** A device could not be reached over HTTP or answered something unusable; the message says which. */
public class DeviceHttpException extends Exception {
    public DeviceHttpException(String message) {
        super(message);
    }

    public DeviceHttpException(String message, Throwable cause) {
        super(message, cause);
    }
}
