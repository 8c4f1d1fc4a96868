package fr.relais.kiosk.config;

import fr.relais.protocol.SiteKind;
import java.util.Objects;

/** The public place a kiosk welcomes visitors to. */
public record Site(String name, SiteKind kind) {
    public Site {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
