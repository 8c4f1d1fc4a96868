package fr.relais.agent.config;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which readers open which door. A reader names its door ({@code settings.door}); on a node with
 * {@code access:} and exactly one {@code gpio-door}, a reader that names none is that door's (the
 * usual coworking entrance: one strike, one reader). A linked reader needs {@code access.publicKey}:
 * without the hub's key no list can be trusted, and the door would refuse everyone.
 */
final class DoorLinks {
    static final String GPIO_DOOR = "gpio-door";

    private DoorLinks() {
    }

    static List<DoorLink> resolve(List<DeviceConfig> devices, boolean accessConfigured) throws FieldException {
        return resolve(devices, accessConfigured, Optional.empty());
    }

    /**
     * @param kioskReader the kiosk's own reader ({@code kioskApi.reader}): never a door's, not even
     *                    the only door's by default; one that names a door is refused
     */
    static List<DoorLink> resolve(List<DeviceConfig> devices, boolean accessConfigured, Optional<String> kioskReader)
            throws FieldException {
        List<DeviceConfig> gpioDoors = devices.stream().filter(device -> device.kind() == DeviceKind.DOOR
                && GPIO_DOOR.equals(device.driver())).toList();
        Optional<String> defaultDoor = accessConfigured && gpioDoors.size() == 1
                ? Optional.of(gpioDoors.get(0).id()) : Optional.empty();
        List<DoorLink> links = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceConfig device = devices.get(i);
            if (!(device.settings() instanceof ReaderDoor.Linkable linkable)) {
                continue;
            }
            ReaderDoor written = linkable.readerDoor();
            String settings = "devices[" + i + "].settings";
            boolean kiosks = kioskReader.filter(device.id()::equals).isPresent();
            if (kiosks && written.door().isPresent()) {
                throw new FieldException("kioskApi.reader", "'" + device.id() + "' opens door '" + written.door().get()
                        + "' (" + settings + ".door): the kiosk needs a reader of its own");
            }
            if (written.door().isPresent()) {
                String door = written.door().get();
                boolean isDoor = devices.stream().anyMatch(other -> other.id().equals(door)
                        && other.kind() == DeviceKind.DOOR);
                if (!isDoor) {
                    throw new FieldException(settings + ".door", "'" + door + "' is not a door of this node (doors: "
                            + devices.stream().filter(other -> other.kind() == DeviceKind.DOOR).map(DeviceConfig::id)
                            .toList() + ")");
                }
                if (!accessConfigured) {
                    throw new FieldException("access.publicKey", "is required: reader '" + device.id()
                            + "' opens door '" + door + "', which decides with the lists the hub signs with this key");
                }
            }
            Optional<String> door = kiosks ? Optional.empty() : written.door().or(() -> defaultDoor);
            if (door.isEmpty()) {
                if (written.direction().isPresent()) {
                    throw new FieldException(settings + ".direction", "only applies to a reader linked to a door"
                            + " (settings.door, or the node's only gpio-door when access is configured)");
                }
                continue;
            }
            links.add(new DoorLink(device.id(), door.get(), written.direction().orElse(Direction.ENTRY)));
        }
        return links;
    }
}
