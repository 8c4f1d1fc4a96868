package fr.relais.agent.device;

import fr.relais.protocol.Birth;
import java.time.Instant;

/** A piece of equipment the agent watches: it says what it is and reads itself on demand. */
public interface Device {
    /** What the birth says about this device. */
    Birth.DeviceInfo info();

    /** Takes a reading now. Called from one thread at a time. */
    Reading read(Instant now);
}
