package fr.relais.agent.device;

/**
 * Where an event-driven device hands what just happened, from whatever thread noticed it (a
 * GPIO listener, a serial reader). Each call stores a message in the outbox before it returns
 * (or keeps an alarm in memory while the disk refuses writes); it never throws.
 */
public interface DeviceSink {
    /** Something that happened once: a door opened, a badge was read, a crossing was counted. */
    void event(DeviceEvent event);

    /** A new state that should not wait for the next poll (a room just became occupied). */
    void reading(Reading reading);

    /** For a device used on its own (the {@code agent check} command prints instead). */
    DeviceSink NONE = new DeviceSink() {
        @Override
        public void event(DeviceEvent event) {
        }

        @Override
        public void reading(Reading reading) {
        }
    };
}
