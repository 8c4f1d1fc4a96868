package fr.relais.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One burst of telemetry from every node, as fast as their windows allow. A few threads drive
 * all the clients, round-robin, instead of one thread per client: two hundred busy publishing
 * threads would fight the broker and the hub for this machine's few cores and measure the
 * scheduler. A thread sleeps only when none of its nodes can take a burst, and the PUBACK that
 * frees half of a node's window wakes it.
 */
final class TelemetryPass {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPass.class);
    /** How long an idle thread sleeps without being woken: the pace of retries after a refusal. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LongAdder sent = new LongAdder();
    private final LongAdder failures = new LongAdder();
    /** New readings built so far by all the threads: what the pacing compares with the receiver. */
    private final LongAdder issued = new LongAdder();
    private final Pacing pacing;
    private volatile boolean stopped;

    /** @param pacing how far ahead of the receiver the publishers may be */
    TelemetryPass(Pacing pacing) {
        this.pacing = pacing;
    }

    /**
     * Readings acknowledged, refusals and failures retried, when the first one left and the last
     * was acknowledged, and how often the publishers waited for the receiver (pacing).
     */
    record Result(long sent, long failures, long startNanos, long endNanos, boolean complete, long pacedWaits) {
    }

    /**
     * Sends {@code perNode} readings from each node, numbered from {@code firstSeq}, and returns
     * once all are acknowledged, or at {@code deadlineNanos} (then {@code complete} is false).
     */
    Result run(List<SimulatedNode> nodes, long perNode, long firstSeq, int threads, long deadlineNanos)
            throws InterruptedException {
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            drivers.add(new Driver());
        }
        for (int i = 0; i < nodes.size(); i++) {
            Driver driver = drivers.get(i % threads);
            nodes.get(i).startTelemetry(perNode, firstSeq, driver);
            driver.nodes.add(nodes.get(i));
        }
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(drivers.get(i), "bench-publisher-" + i);
            drivers.get(i).thread = thread;
            running.add(thread);
            thread.start();
        }
        boolean complete = true;
        for (Thread thread : running) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            if (thread.isAlive()) {
                complete = false;
                stopped = true;
                thread.join();
            }
        }
        long end = System.nanoTime();
        return new Result(sent.sum(), failures.sum(), start, end, complete, pacing.waits());
    }

    /** One publishing thread and the nodes it drives. */
    private final class Driver implements Runnable, SimulatedNode.Round {
        final List<SimulatedNode> nodes = new ArrayList<>();
        volatile Thread thread;

        @Override
        public void run() {
            while (!stopped) {
                int handedOver = 0;
                boolean allDone = true;
                // Asked once a round: a round adds at most a window's worth per node beyond it.
                boolean newReadings = pacing.mayIssue(issued.sum());
                for (SimulatedNode node : nodes) {
                    long before = node.issued();
                    handedOver += node.sendWhatFits(newReadings);
                    issued.add(node.issued() - before);
                    allDone &= node.done();
                }
                if (allDone) {
                    return;
                }
                if (handedOver == 0) {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
            }
        }

        @Override
        public void acknowledged(SimulatedNode.Outgoing message) {
            if (message.telemetry()) {
                sent.increment();
            }
        }

        @Override
        public void failed(SimulatedNode.Outgoing message, Throwable cause) {
            failures.increment();
            if (failures.sum() <= 5) {
                LOG.warn("publish on {} failed, will retry: {}", message.topic(), cause.toString());
            }
        }

        @Override
        public void refillDue() {
            LockSupport.unpark(thread);
        }
    }
}
