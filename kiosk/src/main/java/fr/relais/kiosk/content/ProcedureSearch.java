package fr.relais.kiosk.content;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Forgiving search: visitors type without accents or capitals ("impot", "securite sociale"),
 * so both the query and the text are folded before comparing, and every word must match.
 */
public final class ProcedureSearch {

    private ProcedureSearch() {
    }

    public static List<Procedure> filter(List<Procedure> procedures, String query) {
        List<String> words = Arrays.stream(fold(query).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty())
                .toList();
        return procedures.stream()
                .filter(p -> {
                    String text = fold(p.title() + " " + p.guidance() + " " + String.join(" ", p.keywords()));
                    return words.stream().allMatch(text::contains);
                })
                .toList();
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.FRENCH);
    }
}
