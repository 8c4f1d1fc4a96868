package fr.relais.agent.device.probe;

import java.util.Optional;

/**
 * The node's network interface the probe reports: its name (empty when there is no default
 * route), its kind, and its kernel state ({@code up}, {@code down}, {@code dormant}…).
 */
record LinkInterface(Optional<String> name, InterfaceKind kind, Optional<String> state) {
    static final LinkInterface NONE = new LinkInterface(Optional.empty(), InterfaceKind.UNKNOWN, Optional.empty());
}
