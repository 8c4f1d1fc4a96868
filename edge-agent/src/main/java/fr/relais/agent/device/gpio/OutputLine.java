package fr.relais.agent.device.gpio;

/** An output pin held by one device: a relay, a LED, a buzzer. "On" honours active-low wiring. */
public interface OutputLine {
    Pin pin();

    void set(boolean on);

    boolean isOn();
}
