package fr.relais.agent.access;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Event;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access events into the outbox: {@code access-*} events travel in its priority lane, kept in
 * memory when the disk refuses them and never evicted, so the hub's access log has every decision
 * even after days offline.
 */
public final class OutboxAccessLog implements AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxAccessLog.class);

    private final MessageEmitter emitter;
    private final Envelopes envelopes;

    public OutboxAccessLog(MessageEmitter emitter, Envelopes envelopes) {
        this.emitter = emitter;
        this.envelopes = envelopes;
    }

    @Override
    public void record(Optional<String> device, DeviceEvent event) {
        try {
            // Checked before it takes a sequence number, so a refused event opens no gap at the hub.
            new Event(envelopes.current(), device, event.type(), event.severity(), event.message(), event.data());
            synchronized (envelopes) {
                // Numbered and queued in one step: rows keep the order of their sequence numbers.
                emitter.emit(new Event(envelopes.next(), device, event.type(), event.severity(), event.message(),
                        event.data()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while storing an access event {}", event.type());
        } catch (RuntimeException e) {
            LOG.error("an access event {} could not be stored: {}", event.type(), e.toString());
        }
    }
}
