package fr.relais.hub.queue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * What a day's tickets say: how many wait, the tickets being called (newest call first), the mean
 * service time of the tickets served that day, and the wait a new ticket may expect: those ahead
 * times the mean service time ({@link #DEFAULT_SERVICE} before any ticket was served).
 */
public record QueueFigures(int waiting, List<Ticket> calling, Integer averageServiceSeconds, int estimatedWaitMinutes,
                           int lastNumber) {
    /** Before the first visitor of the day is served, a visit is taken to last this long. */
    public static final Duration DEFAULT_SERVICE = Duration.ofMinutes(10);

    public static QueueFigures of(List<Ticket> day) {
        int waiting = (int) day.stream().filter(t -> t.status().equals(Ticket.WAITING)).count();
        List<Ticket> calling = day.stream().filter(t -> t.status().equals(Ticket.CALLED))
                .sorted(Comparator.comparing(Ticket::calledAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        List<Long> served = day.stream().map(Ticket::serviceMillis).filter(java.util.Objects::nonNull).toList();
        Integer average = served.isEmpty() ? null
                : (int) Math.round(served.stream().mapToLong(Long::longValue).sum() / 1000.0 / served.size());
        long serviceSeconds = average == null ? DEFAULT_SERVICE.toSeconds() : average;
        int estimated = (int) Math.ceil(waiting * serviceSeconds / 60.0);
        int last = day.stream().mapToInt(Ticket::number).max().orElse(0);
        return new QueueFigures(waiting, calling, average, estimated, last);
    }
}
