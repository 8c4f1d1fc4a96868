package fr.relais.agent.device.gpio;

/**
 * A door as access decisions see it: let one person in. The badge decision, the hub's
 * {@code open-door} command and the exit button all go through the same path, so a door opened
 * within the grant window is never reported as forced.
 */
public interface DoorStrike {
    /**
     * Releases the strike for the door's pulse and opens the grant window.
     *
     * @return false if the device does not hold its lines (not opened yet, or closed)
     */
    boolean grant();
}
