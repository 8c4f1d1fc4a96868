package fr.relais.kiosk.content;

import java.util.List;
import java.util.Objects;

/**
 * One online procedure a visitor may come for, explained in plain words.
 *
 * @param title        what visitors call it ("Impôts", not "DGFiP")
 * @param guidance     one or two plain sentences: where it is done and what to bring
 * @param mediatorTip  what a mediator can do for this procedure in particular
 * @param keywords     other words visitors use for it, so the search finds it ("chômage", "APL")
 */
public record Procedure(String id, String title, String guidance, String mediatorTip, List<String> keywords) {
    public Procedure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(guidance, "guidance");
        Objects.requireNonNull(mediatorTip, "mediatorTip");
        keywords = List.copyOf(keywords);
    }
}
