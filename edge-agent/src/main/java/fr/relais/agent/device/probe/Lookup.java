package fr.relais.agent.device.probe;

import java.net.InetAddress;
import java.util.Optional;

/** One name resolved, or not: its address, how long the resolver took, or why it failed. */
record Lookup(String name, Optional<InetAddress> address, Optional<Double> millis, Optional<Failure> failure) {
    static Lookup resolved(String name, InetAddress address, double millis) {
        return new Lookup(name, Optional.of(address), Optional.of(millis), Optional.empty());
    }

    static Lookup failed(String name, Failure failure) {
        return new Lookup(name, Optional.empty(), Optional.empty(), Optional.of(failure));
    }

    boolean succeeded() {
        return address.isPresent();
    }
}
