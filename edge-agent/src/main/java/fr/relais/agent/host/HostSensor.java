package fr.relais.agent.host;

import java.util.Map;

/** One kind of host reading; it adds what it could read to the node's metrics and never throws. */
interface HostSensor {
    void addTo(Map<String, Object> metrics);
}
