package fr.relais.agent.device.gpio;

/** A device with a status LED and/or a buzzer that access decisions can use (granted, denied, offline). */
public interface StatusSignals {
    /** Plays {@code pattern}; does nothing if the device has neither a LED nor a buzzer or is not open. */
    void signal(SignalPattern pattern);
}
