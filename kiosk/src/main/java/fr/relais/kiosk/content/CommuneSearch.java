package fr.relais.kiosk.content;

import fr.relais.protocol.content.PlaceContent;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a commune as visitors type it: without accents, capitals or hyphens ("parfondeval",
 * "PARFONDÉVAL", "cuiry les iviers"), every typed word at the start of a word of the name.
 */
public final class CommuneSearch {

    private CommuneSearch() {
    }

    public static List<PlaceContent.Commune> filter(List<PlaceContent.Commune> communes, String query) {
        List<String> words = words(query);
        return communes.stream()
                .filter(commune -> {
                    List<String> name = words(commune.name());
                    return words.stream().allMatch(w -> name.stream().anyMatch(n -> n.startsWith(w)));
                })
                .sorted(Comparator.comparing((PlaceContent.Commune c) -> !c.near())
                        .thenComparing(c -> ProcedureSearch.fold(c.name())))
                .toList();
    }

    private static List<String> words(String text) {
        return List.of(ProcedureSearch.fold(text).split("[^a-z0-9]+")).stream().filter(w -> !w.isEmpty()).toList();
    }
}
