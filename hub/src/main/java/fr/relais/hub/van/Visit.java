package fr.relais.hub.van;

import java.time.ZonedDateTime;

/**
 * One computed visit of the van: a stop's occurrence ({@code planned}, {@code moved},
 * {@code cancelled}) or an {@code added} one ({@code stopId} null, {@code exceptionId} its exception).
 */
public record Visit(String stopId, String exceptionId, String communeId, String communeName, String place,
                    ZonedDateTime start, ZonedDateTime end, String status, String note) {
}
