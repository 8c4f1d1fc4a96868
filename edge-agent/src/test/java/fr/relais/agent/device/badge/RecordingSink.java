package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a device pushes, in order, for a test to look at. */
final class RecordingSink implements DeviceSink {
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private final List<Reading> readings = new CopyOnWriteArrayList<>();

    @Override
    public void event(DeviceEvent event) {
        events.add(event);
    }

    @Override
    public void reading(Reading reading) {
        readings.add(reading);
    }

    List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    List<DeviceEvent> events(String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }

    List<Reading> readings() {
        return List.copyOf(readings);
    }
}
