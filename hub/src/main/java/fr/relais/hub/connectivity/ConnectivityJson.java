package fr.relais.hub.connectivity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadband answer: its rows as stored, and per commune and month a summary whose medians
 * come from the rows' histograms merged (the median of every reading of the commune that month,
 * all nodes and links together, to one bin), not from the rows' medians.
 */
final class ConnectivityJson {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityJson.class);

    private ConnectivityJson() {
    }

    static JsonObject row(ConnectivityStore.Row row) {
        return new JsonObject().put("commune", row.commune()).put("communeName", row.communeName())
                .put("month", row.month()).put("node", row.node()).put("site", row.site()).put("link", row.link())
                .put("samples", row.samples()).put("throughputSamples", row.throughputSamples())
                .put("latencyMedianMs", row.latencyMedianMs()).put("lossMedianPercent", row.lossMedianPercent())
                .put("throughputMedianMbps", row.throughputMedianMbps()).put("simulated", row.simulated())
                .put("roadmap", row.roadmap());
    }

    static JsonArray summaries(List<ConnectivityStore.Row> rows) {
        Map<String, List<ConnectivityStore.Row>> byCommuneMonth = new LinkedHashMap<>();
        for (ConnectivityStore.Row row : rows) {
            byCommuneMonth.computeIfAbsent(row.commune() + "\n" + row.month(), k -> new java.util.ArrayList<>()).add(row);
        }
        JsonArray summaries = new JsonArray();
        byCommuneMonth.values().forEach(group -> summaries.add(summary(group)));
        return summaries;
    }

    private static JsonObject summary(List<ConnectivityStore.Row> group) {
        ConnectivityStore.Row first = group.get(0);
        LinkHistogram all = new LinkHistogram();
        long samples = 0;
        long throughputSamples = 0;
        boolean simulated = false;
        TreeSet<String> links = new TreeSet<>();
        for (ConnectivityStore.Row row : group) {
            try {
                all.merge(LinkHistogram.fromJson(row.histograms()));
            } catch (LinkHistogram.Unreadable e) {
                LOG.warn("connectivity_month {} {} {} {}: {}; left out of the commune's summary", row.commune(),
                        row.month(), row.node(), row.link(), e.getMessage());
                continue;
            }
            samples += row.samples();
            throughputSamples += row.throughputSamples();
            simulated |= row.simulated();
            links.add(row.link());
        }
        return new JsonObject().put("commune", first.commune()).put("communeName", first.communeName())
                .put("month", first.month()).put("samples", samples).put("throughputSamples", throughputSamples)
                .put("latencyMedianMs", value(all.median(LinkHistogram.Measure.LATENCY_MS)))
                .put("lossMedianPercent", value(all.median(LinkHistogram.Measure.LOSS_PERCENT)))
                .put("throughputMedianMbps", value(all.median(LinkHistogram.Measure.THROUGHPUT_MBPS)))
                .put("links", new JsonArray(List.copyOf(links))).put("simulated", simulated)
                .put("roadmap", first.roadmap());
    }

    private static Double value(OptionalDouble median) {
        return median.isPresent() ? median.getAsDouble() : null;
    }
}
