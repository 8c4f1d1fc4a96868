package fr.relais.agent.access;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.gpio.DoorStrike;
import fr.relais.agent.device.gpio.SignalPattern;
import fr.relais.agent.device.gpio.StatusSignals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A door and a reader that remember what the controller asked of them, and the access log it wrote. */
final class RecordingDevices {
    static final String READER = "reader-a";

    final Door door = new Door();
    final Reader reader = new Reader();
    final Log log = new Log();

    Optional<?> find(String id) {
        return Optional.ofNullable(Map.<String, Object>of(AccessFixtures.DOOR, door, READER, reader).get(id));
    }

    static final class Door implements DoorStrike, StatusSignals {
        final AtomicInteger grants = new AtomicInteger();
        final List<SignalPattern> signals = new CopyOnWriteArrayList<>();
        volatile boolean open = true;

        @Override
        public boolean grant() {
            if (!open) {
                return false;
            }
            grants.incrementAndGet();
            signals.add(SignalPattern.GRANTED);
            return true;
        }

        @Override
        public void signal(SignalPattern pattern) {
            signals.add(pattern);
        }
    }

    static final class Reader implements StatusSignals {
        final List<SignalPattern> signals = new CopyOnWriteArrayList<>();

        @Override
        public void signal(SignalPattern pattern) {
            signals.add(pattern);
        }
    }

    record Logged(Optional<String> device, DeviceEvent event) {
    }

    static final class Log implements AccessLog {
        final List<Logged> entries = new CopyOnWriteArrayList<>();

        @Override
        public void record(Optional<String> device, DeviceEvent event) {
            entries.add(new Logged(device, event));
        }

        DeviceEvent last() {
            return entries.get(entries.size() - 1).event();
        }

        List<DeviceEvent> ofType(String type) {
            return entries.stream().map(Logged::event).filter(event -> event.type().equals(type)).toList();
        }
    }
}
