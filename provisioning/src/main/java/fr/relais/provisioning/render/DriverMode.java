package fr.relais.provisioning.render;

/** Which drivers a rendered {@code agent.yaml} gives its devices. */
public enum DriverMode {
    /** The driver and settings the inventory gives each device (the simulation where it names none). */
    AS_INVENTORY,
    /**
     * Every device simulated, so the configuration runs on any machine (the demo, a test bench):
     * a real driver's settings are dropped but for those the simulations read ({@code link}).
     */
    SIMULATED
}
