package fr.relais.agent.device.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which interface carries the node's traffic, and what it is, from the kernel's files: the
 * default route of {@code /proc/net/route} (the lowest metric wins), then
 * {@code /sys/class/net/<if>}: a {@code wireless} folder or {@code DEVTYPE=wlan} means Wi-Fi;
 * {@code DEVTYPE=wwan}, a modem's driver or a {@code wwan*}/{@code usb*} name means a cellular
 * modem; {@code type} 1 (ARPHRD_ETHER) otherwise means Ethernet. Only IPv4's default route is
 * read: every place of the territory has one.
 */
final class NetworkInterfaces {
    /**
     * USB modems' network drivers. {@code cdc_ether} and {@code rndis_host} also drive a few USB
     * Ethernet adapters, but on these Pis they are the 4G dongles ("HiLink" mode); a USB Ethernet
     * adapter usually has its chip's own driver ({@code r8152}, {@code ax88179_178a}).
     */
    static final Set<String> MODEM_DRIVERS = Set.of("qmi_wwan", "cdc_mbim", "cdc_ncm", "huawei_cdc_ncm",
            "cdc_ether", "rndis_host", "sierra_net", "option", "GobiNet", "ipheth");
    /** A Linux interface name: at most 15 characters, and never a path into {@code sysRoot}. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    private static final int ARPHRD_ETHER = 1;
    private static final int RTF_UP = 0x1;

    private final Path sysRoot;
    private final Path procRoot;
    private final KernelFiles files = new KernelFiles();

    NetworkInterfaces(Path sysRoot, Path procRoot) {
        this.sysRoot = sysRoot;
        this.procRoot = procRoot;
    }

    /** The configured interface, or the default route's; {@link LinkInterface#NONE} without either. */
    LinkInterface detect(Optional<String> configured) {
        Optional<String> name = configured.isPresent() ? configured : defaultRoute();
        if (name.isEmpty()) {
            return LinkInterface.NONE;
        }
        Path folder = sysRoot.resolve("class/net").resolve(name.get());
        Optional<String> state = files.read(folder.resolve("operstate")).map(String::strip).filter(s -> !s.isEmpty());
        return new LinkInterface(name, kind(name.get(), folder), state);
    }

    private InterfaceKind kind(String name, Path folder) {
        String devtype = files.read(folder.resolve("uevent")).map(NetworkInterfaces::devtype).orElse("");
        if (Files.isDirectory(folder.resolve("wireless")) || devtype.equals("wlan")) {
            return InterfaceKind.WIFI;
        }
        Optional<String> driver = files.linkName(folder.resolve("device/driver"));
        String lower = name.toLowerCase(Locale.ROOT);
        if (devtype.equals("wwan") || driver.filter(MODEM_DRIVERS::contains).isPresent() || lower.startsWith("wwan")
                || lower.startsWith("usb")) {
            return InterfaceKind.CELLULAR;
        }
        Optional<String> type = files.read(folder.resolve("type")).map(String::strip);
        if (type.isPresent() && type.get().equals(String.valueOf(ARPHRD_ETHER))) {
            return InterfaceKind.ETHERNET;
        }
        return InterfaceKind.UNKNOWN;
    }

    private static String devtype(String uevent) {
        return uevent.lines().filter(line -> line.startsWith("DEVTYPE=")).findFirst()
                .map(line -> line.substring("DEVTYPE=".length()).strip()).orElse("");
    }

    /**
     * {@code Iface Destination Gateway Flags RefCnt Use Metric Mask …}: the up route to 0.0.0.0/0
     * with the lowest metric. A line that does not parse is skipped and logged once.
     */
    private Optional<String> defaultRoute() {
        Path routes = procRoot.resolve("net/route");
        Optional<String> table = files.read(routes);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : table.get().lines().skip(1).toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8) {
                if (!line.isBlank()) {
                    files.warnOnce(routes, "{} has a line that is not a route, skipped: '{}'", routes, line.strip());
                }
                continue;
            }
            try {
                boolean isDefault = Long.parseLong(fields[1], 16) == 0 && Long.parseLong(fields[7], 16) == 0;
                boolean up = (Integer.parseInt(fields[3], 16) & RTF_UP) != 0;
                long metric = Long.parseLong(fields[6]);
                if (isDefault && up && metric < bestMetric && NAME.matcher(fields[0]).matches()) {
                    best = fields[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                files.warnOnce(routes, "{} has a line that is not a route, skipped: '{}'", routes, line.strip());
            }
        }
        return Optional.ofNullable(best);
    }
}
