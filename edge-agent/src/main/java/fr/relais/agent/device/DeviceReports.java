package fr.relais.agent.device;

/** Where the node's devices' readings and events go: the outbox, as telemetry and events. */
public interface DeviceReports {
    void reading(String deviceId, Reading reading);

    void event(String deviceId, DeviceEvent event);
}
