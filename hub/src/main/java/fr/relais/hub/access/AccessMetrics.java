package fr.relais.hub.access;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The access lists' figures on {@code /metrics}: per site, the latest list version and how many
 * door nodes do not hold it; reports that could not be read; fragments published. The per-site
 * values are refreshed by the access lists' thread at each tick, so a scrape reads memory only.
 */
public final class AccessMetrics implements MeterBinder {
    private final boolean enabled;
    private final LongSupplier refusedReports;
    private final LongSupplier fragments;
    private final LongSupplier failures;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> behind = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    AccessMetrics(boolean enabled, LongSupplier refusedReports, LongSupplier fragments, LongSupplier failures) {
        this.enabled = enabled;
        this.refusedReports = refusedReports;
        this.fragments = fragments;
        this.failures = failures;
    }

    @Override
    public synchronized void bindTo(MeterRegistry meters) {
        this.registry = meters;
        Gauge.builder("relais.access.lists.enabled", () -> enabled ? 1 : 0).strongReference(true)
                .description("1 when the hub signs and sends the doors' access lists (a signing key is configured)")
                .register(meters);
        FunctionCounter.builder("relais.access.list.reports.refused", refusedReports, LongSupplier::getAsLong)
                .description("access-list events of door nodes whose data could not be read, since the hub started")
                .register(meters);
        FunctionCounter.builder("relais.access.list.fragments.published", fragments, LongSupplier::getAsLong)
                .description("Access list fragments handed to the broker, since the hub started").register(meters);
        FunctionCounter.builder("relais.access.list.sends.failed", failures, LongSupplier::getAsLong)
                .description("Access lists the MQTT client refused to send (sent again later)").register(meters);
        versions.forEach((site, value) -> register(meters, site, value, this.behind.get(site)));
    }

    /** Per site: {version, nodes behind}. */
    synchronized void sites(Map<String, long[]> sites) {
        sites.forEach((site, values) -> {
            AtomicLong version = versions.get(site);
            if (version == null) {
                version = new AtomicLong();
                AtomicLong nodes = new AtomicLong();
                versions.put(site, version);
                behind.put(site, nodes);
                if (registry != null) {
                    register(registry, site, version, nodes);
                }
            }
            version.set(values[0]);
            behind.get(site).set(values[1]);
        });
    }

    /** The latest version of a site's list as last refreshed, 0 if none. */
    long version(String site) {
        AtomicLong version = versions.get(site);
        return version == null ? 0 : version.get();
    }

    long behind(String site) {
        AtomicLong nodes = behind.get(site);
        return nodes == null ? 0 : nodes.get();
    }

    private static void register(MeterRegistry meters, String site, AtomicLong version, AtomicLong nodes) {
        Gauge.builder("relais.access.list.version", version, AtomicLong::get).tag("site", site)
                .description("The latest version of the site's access list").register(meters);
        Gauge.builder("relais.access.list.nodes.behind", nodes, AtomicLong::get).tag("site", site)
                .description("Door nodes of the site that do not report holding its latest access list")
                .register(meters);
    }
}
