package fr.relais.bench;

import fr.relais.protocol.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The simulated nodes of a run, all on one site, connected once and used for both the raw pipe
 * and the hub, so both are fed by exactly the same publishers.
 */
final class NodeFleet implements AutoCloseable {
    private static final long CONNECT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final List<SimulatedNode> nodes;
    private final String site;
    private final String nodePrefix;

    private NodeFleet(List<SimulatedNode> nodes, String site, String nodePrefix) {
        this.nodes = nodes;
        this.site = site;
        this.nodePrefix = nodePrefix;
    }

    /**
     * Connects {@code count} nodes named {@code {runId}-n0001…} on site {@code runId}. The run id
     * keeps one run's rows apart from another's in a database that is not new (PostgreSQL).
     */
    static NodeFleet connect(String brokerUrl, String runId, int count) throws MqttException {
        MessageCodec codec = new MessageCodec();
        String nodePrefix = runId + "-n";
        List<SimulatedNode> nodes = new ArrayList<>(count);
        NodeFleet fleet = new NodeFleet(nodes, runId, nodePrefix);
        try {
            List<IMqttToken> connecting = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                String node = nodePrefix + String.format("%04d", i);
                SimulatedNode simulated = new SimulatedNode(brokerUrl, new NodeMessages(codec, runId, node), node);
                nodes.add(simulated);
                connecting.add(simulated.connect());
            }
            for (IMqttToken token : connecting) {
                token.waitForCompletion(CONNECT_MILLIS);
            }
            return fleet;
        } catch (MqttException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** Every node says it is online and sends its birth, as an agent does on connecting. */
    void announce() throws MqttException {
        for (SimulatedNode node : nodes) {
            node.announce(CONNECT_MILLIS);
        }
    }

    /**
     * Sends {@code perNode} readings from each node, numbered from {@code firstSeq}, with
     * {@code threads} publishing threads, never more than the pacing's window ahead of the receiver.
     */
    TelemetryPass.Result publish(long perNode, long firstSeq, int threads, long deadlineNanos, Pacing pacing)
            throws InterruptedException {
        return new TelemetryPass(pacing).run(nodes, perNode, firstSeq, threads, deadlineNanos);
    }

    int size() {
        return nodes.size();
    }

    String site() {
        return site;
    }

    /** What every node id of this run starts with, to find the run's rows. */
    String nodePrefix() {
        return nodePrefix;
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(SimulatedNode::close);
    }
}
