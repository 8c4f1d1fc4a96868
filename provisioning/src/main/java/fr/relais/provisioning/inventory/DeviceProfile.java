package fr.relais.provisioning.inventory;

import java.util.Objects;

/**
 * A kind of equipment wired the same way in several places (the USB multifunction printer of
 * every tiers-lieu), named once in the inventory's {@code profiles:} so that its driver and
 * settings are written, and corrected, in one place. A device names it with {@code profile:}
 * and may add or replace settings of its own.
 */
public record DeviceProfile(String id, DriverSetup setup) {
    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(setup, "setup");
    }
}
