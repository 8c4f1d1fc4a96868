package fr.relais.kiosk.content;

import java.util.List;
import java.util.Objects;

/** A screen of plain explanations: a title and a few short paragraphs, one idea each. */
public record InfoPage(String title, List<String> paragraphs) {
    public InfoPage {
        Objects.requireNonNull(title, "title");
        paragraphs = List.copyOf(paragraphs);
    }
}
