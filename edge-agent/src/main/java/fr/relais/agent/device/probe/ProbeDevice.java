package fr.relais.agent.device.probe;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connectivity probe: at each poll it resolves its names, times TCP handshakes to its targets
 * and the first byte of an HTTPS answer from the hub (those in parallel), reads which interface
 * carries the traffic, and, rarely, runs the throughput test after the rest so that the download
 * does not inflate the latencies it would sit beside. The poll's figures are its telemetry; a
 * target lost or back, and each full measurement, are events.
 */
final class ProbeDevice implements Device {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeDevice.class);
    /** Room for the thread hand-overs around the bounded waits. */
    private static final Duration SLACK = Duration.ofMillis(500);

    private final Birth.DeviceInfo info;
    private final ProbeSettings settings;
    private final BooleanSupplier replayingBacklog;
    private final NameLookup.Resolver resolver;
    private final ConnectLatency latency;
    private final NetworkInterfaces interfaces;
    private final Reachability reachability = new Reachability();
    private final MeasurementSchedule schedule;
    private ExecutorService workers;
    private NameLookup lookups;
    private SSLContext ssl;
    private Optional<ThroughputResult> lastThroughput = Optional.empty();

    /**
     * @param random   a fraction in [0, 1), for the first measurement's delay
     * @param resolver the system's resolver ({@code InetAddress::getByName}); a test may give another
     */
    ProbeDevice(Birth.DeviceInfo info, ProbeSettings settings, BooleanSupplier replayingBacklog, DoubleSupplier random,
                NameLookup.Resolver resolver) {
        this.info = info;
        this.settings = settings;
        this.replayingBacklog = replayingBacklog;
        this.resolver = resolver;
        this.latency = new ConnectLatency(settings.attempts(), settings.connectTimeout());
        this.interfaces = new NetworkInterfaces(settings.sysRoot(), settings.procRoot());
        this.schedule = new MeasurementSchedule(settings.throughput().map(ThroughputSettings::every)
                .orElse(Duration.ofHours(ThroughputSettings.DEFAULT_EVERY_HOURS)), random);
    }

    static ProbeDevice of(Birth.DeviceInfo info, ProbeSettings settings, BooleanSupplier replayingBacklog,
                          DoubleSupplier random) {
        return new ProbeDevice(info, settings, replayingBacklog, random, InetAddress::getByName);
    }

    @Override
    public Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public void open(DeviceSink sink) {
        ssl = settings.trust().sslContext();
        workers = Executors.newCachedThreadPool(Daemons.named("probe-" + info.id()));
        lookups = new NameLookup(resolver, info.id());
    }

    @Override
    public Reading read(Instant now) {
        try {
            ProbeRound round = measure(now);
            List<DeviceEvent> events = new ArrayList<>(reachability.update(round.targets(), round.link()));
            if (round.throughputSkipped().isEmpty() && schedule.due(now)) {
                schedule.done(now);
                events.add(MeasurementEvent.of(round, settings));
            }
            events.forEach(event -> LOG.info("{}: {}", info.id(), event.message()));
            ProbeVerdict verdict = ProbeVerdict.judge(round, settings.thresholds(), lastThroughput);
            return new Reading(verdict.health(), ProbeMetrics.of(round, settings, verdict), events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.of(Health.UNKNOWN, Map.of("error", "probe interrupted"));
        }
    }

    private ProbeRound measure(Instant now) throws InterruptedException {
        Duration timeout = settings.connectTimeout();
        CompletableFuture<HttpsResult> https = settings.https()
                .map(url -> new FirstByteTimer(url, timeout.multipliedBy(2), ssl, workers).start()).orElse(null);
        List<String> names = new ArrayList<>(settings.dnsNames());
        settings.targets().forEach(target -> names.add(target.host()));
        Map<String, Lookup> resolved = lookups.resolveAll(names, timeout);
        List<TargetResult> targets = connect(resolved);
        List<Lookup> dns = settings.dnsNames().stream().map(resolved::get).toList();
        Optional<HttpsResult> httpsResult = https == null ? Optional.empty()
                : Optional.of(await(https, timeout.multipliedBy(2)).orElseGet(() -> HttpsResult.failed(
                        new Failure(FailureKind.TIMEOUT, "no answer"))));
        LinkInterface link = interfaces.detect(settings.interfaceName());
        Optional<ThroughputResult> throughput = Optional.empty();
        Optional<String> skipped = Optional.empty();
        if (settings.throughput().isPresent() && schedule.due(now)) {
            if (replayingBacklog.getAsBoolean()) {
                skipped = Optional.of(ProbeRound.SKIPPED_FOR_BACKLOG);
            } else {
                throughput = Optional.of(new Download(settings.throughput().get(), ssl, workers).run());
                lastThroughput = throughput;
            }
        }
        return new ProbeRound(targets, dns, httpsResult, link, throughput, skipped);
    }

    /** Every target in parallel, its attempts one after the other. */
    private List<TargetResult> connect(Map<String, Lookup> resolved) throws InterruptedException {
        List<Future<TargetResult>> running = new ArrayList<>();
        for (TcpTarget target : settings.targets()) {
            Lookup lookup = resolved.get(target.host());
            running.add(lookup.address().isPresent()
                    ? workers.submit(() -> latency.measure(target, lookup.address().get()))
                    : CompletableFuture.completedFuture(TargetResult.unreachable(target, settings.attempts(),
                            lookup.failure().orElseThrow())));
        }
        Duration bound = settings.connectTimeout().multipliedBy(settings.attempts());
        List<TargetResult> results = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            TcpTarget target = settings.targets().get(i);
            results.add(await(running.get(i), bound).orElseGet(() -> TargetResult.unreachable(target,
                    settings.attempts(), new Failure(FailureKind.TIMEOUT, "no answer within the poll's bound"))));
        }
        return results;
    }

    private static <T> Optional<T> await(Future<T> future, Duration bound) throws InterruptedException {
        try {
            return Optional.of(future.get(bound.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (lookups != null) {
            lookups.close();
        }
    }
}
