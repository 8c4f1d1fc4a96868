package fr.relais.agent.telemetry;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Event;
import fr.relais.protocol.Message;
import fr.relais.protocol.Telemetry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices' readings and events into the outbox, from any thread (the device threads, GPIO
 * listeners). A message the disk refuses is counted by the outbox; an event (an alarm) is kept in
 * memory by it and stored when the disk takes writes again.
 */
public final class OutboxReports implements DeviceReports {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxReports.class);

    private final MessageEmitter emitter;
    private final Envelopes envelopes;

    public OutboxReports(MessageEmitter emitter, Envelopes envelopes) {
        this.emitter = emitter;
        this.envelopes = envelopes;
    }

    @Override
    public void reading(String deviceId, Reading reading) {
        // Checked against the contract first (metrics' names, sizes, numbers): a refused reading
        // throws here, to the device's slot, which says so, before it takes a sequence number;
        // otherwise the hub would count a gap for a message that never existed.
        new Telemetry(envelopes.current(), Optional.of(deviceId), reading.health(), reading.metrics());
        synchronized (envelopes) {
            // Numbered and queued in one step: with devices on their own threads, rows must keep
            // the order of their sequence numbers, or the hub would see holes filled late.
            emit(new Telemetry(envelopes.next(), Optional.of(deviceId), reading.health(), reading.metrics()));
        }
    }

    @Override
    public void event(String deviceId, DeviceEvent event) {
        new Event(envelopes.current(), Optional.of(deviceId), event.type(), event.severity(), event.message(),
                event.data());
        synchronized (envelopes) {
            emit(new Event(envelopes.next(), Optional.of(deviceId), event.type(), event.severity(), event.message(),
                    event.data()));
        }
    }

    private void emit(Message message) {
        try {
            emitter.emit(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("interrupted while storing a device message");
        } catch (RuntimeException e) {
            LOG.warn("a device message could not be stored: {}", e.toString());
        }
    }
}
