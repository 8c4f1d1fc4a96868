package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a device pushed, in order: events (those inside pushed readings included) and readings. */
final class CapturingSink implements DeviceSink {
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    final List<Reading> readings = new CopyOnWriteArrayList<>();

    @Override
    public void event(DeviceEvent event) {
        events.add(event);
    }

    @Override
    public void reading(Reading reading) {
        readings.add(reading);
        events.addAll(reading.events());
    }

    List<String> types() {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.type()));
        return types;
    }

    DeviceEvent last(String type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type().equals(type)) {
                return events.get(i);
            }
        }
        throw new AssertionError("no event " + type + " in " + types());
    }
}
