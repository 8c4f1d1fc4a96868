package fr.relais.bench.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A key's weight in a summary (samples, bytes, milliseconds), and the thread group that weighs most in it. */
final class Tally {
    double weight;
    long count;
    double longest;
    private final Map<String, Double> byGroup = new HashMap<>();

    void add(String group, double w) {
        weight += w;
        count++;
        longest = Math.max(longest, w);
        byGroup.merge(group, w, Double::sum);
    }

    String group() {
        return byGroup.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
    }

    static void add(Map<String, Tally> tallies, String key, String group, double weight) {
        tallies.computeIfAbsent(key, k -> new Tally()).add(group, weight);
    }

    /** The n heaviest keys, heaviest first. */
    static List<Map.Entry<String, Tally>> top(Map<String, Tally> tallies, int n) {
        return tallies.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Tally> e) -> e.getValue().weight).reversed())
                .limit(n).toList();
    }
}
