package fr.relais.hub.alert;

import fr.relais.protocol.Severity;

/**
 * A rule's condition found holding for one target now.
 *
 * @param device     the device, or null for the node itself
 * @param knownSince when the condition began, if the registry knows (a Last Will's time, an
 *                   event's arrival); null to count from when the evaluator first saw it
 */
public record Observation(String key, AlertRule rule, String site, String node, String device, String deviceKind,
                          Severity severity, String message, Long knownSince) {

    /** The condition's key: one rule on one node's device (or the node itself, '-'). */
    public static String key(String rule, String node, String device) {
        return rule + "/" + node + "/" + (device == null ? "-" : device);
    }
}
