package fr.relais.agent.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Consumables as printers write them (PWG 5100.13's printer-supply, CUPS's marker-*), and as they garble them. */
class SuppliesTest {
    private static PrinterAttributes attributes(Map<String, List<String>> values) {
        return new PrinterAttributes(values);
    }

    @Test
    void readsPwgSuppliesWithTheirDescriptions() {
        List<Supply> supplies = Supplies.of(attributes(Map.of(
                "printer-supply", List.of(
                        "index=1;class=receptacleThatIsFilled;type=wasteToner;unit=percent;maxcapacity=100;level=25;colorantname=unknown;",
                        "index=2;class=supplyThatIsConsumed;type=toner;unit=percent;maxcapacity=100;level=3;colorantname=black;",
                        "type=tonerCartridge;maxcapacity=2000;level=1500;colorantname=cyan;",
                        "type=inkCartridge;maxcapacity=100;level=-3;colorantname=light-magenta;"),
                "printer-supply-description", List.of("Toner Waste Tank", "Black Toner", "Cartouche cyan"))));

        assertThat(supplies).containsExactly(
                new Supply("wasteToner", "", "Toner Waste Tank", OptionalInt.of(25), true),
                new Supply("toner", "black", "Black Toner", OptionalInt.of(3), false),
                new Supply("tonerCartridge", "cyan", "Cartouche cyan", OptionalInt.of(75), false),
                new Supply("inkCartridge", "light-magenta", "inkCartridge", OptionalInt.empty(), false));
        assertThat(PrinterMetrics.tonerPercent(supplies)).as("the waste tank is no toner").hasValue(3);
    }

    @Test
    void fallsBackOnCupsMarkers() {
        List<Supply> supplies = Supplies.of(attributes(Map.of(
                "marker-names", List.of("Black Ink", "Cyan Ink", "Waste Ink"),
                "marker-levels", List.of("40", "-1", "70"),
                "marker-types", List.of("ink-cartridge", "ink-cartridge", "waste-ink"),
                "marker-colors", List.of("#000000", "#00FFFF", "none"))));

        assertThat(supplies).containsExactly(
                new Supply("inkCartridge", "black", "Black Ink", OptionalInt.of(40), false),
                new Supply("inkCartridge", "cyan", "Cyan Ink", OptionalInt.empty(), false),
                new Supply("wasteInk", "", "Waste Ink", OptionalInt.of(70), true));
        assertThat(PrinterMetrics.tonerPercent(supplies)).hasValue(40);
    }

    @Test
    void garbageGivesSuppliesOfUnknownLevelNeverAnException() {
        List<Supply> supplies = Supplies.of(attributes(Map.of(
                "printer-supply", List.of("", "level=abc;type=toner;", ";;==;type=;level=;", "\u0000\u00ff\u0001",
                        "type=toner;maxcapacity=100;level=250;colorantname=black;",
                        "type=toner;maxcapacity=0;level=40;unit=percent;"),
                "printer-supply-description", List.of())));

        assertThat(supplies).extracting(Supply::percent).containsExactly(OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(100), OptionalInt.of(40));
        assertThat(supplies).extracting(Supply::type).containsExactly("unknown", "toner", "unknown", "unknown",
                "toner", "toner");
    }

    @Test
    void aRunawayListIsCut() {
        List<String> many = java.util.Collections.nCopies(500, "type=toner;maxcapacity=100;level=50;");

        assertThat(Supplies.of(attributes(Map.of("printer-supply", many)))).hasSize(Supplies.MAX);
    }

    @Test
    void supplyMetricsAreNamedByColourAndTypeAndNeverCollide() {
        var taken = new HashSet<String>();

        assertThat(PrinterMetrics.supplyName(new Supply("toner", "black", "Toner noir", OptionalInt.of(3), false), taken))
                .isEqualTo("supplyBlackTonerPercent");
        assertThat(PrinterMetrics.supplyName(new Supply("toner", "black", "Toner noir 2", OptionalInt.of(3), false), taken))
                .isEqualTo("supplyBlackToner2Percent");
        assertThat(PrinterMetrics.supplyName(new Supply("wasteToner", "", "Bac", OptionalInt.of(3), true), taken))
                .isEqualTo("supplyWasteTonerPercent");
        assertThat(PrinterMetrics.supplyName(new Supply("inkCartridge", "light-cyan", "x", OptionalInt.of(3), false), taken))
                .isEqualTo("supplyLightCyanInkCartridgePercent");
        assertThat(PrinterMetrics.supplyName(new Supply("tô/ner<>", "", "x", OptionalInt.of(3), false), taken))
                .as("only what a metric name allows").isEqualTo("supplyTNerPercent");
    }
}
