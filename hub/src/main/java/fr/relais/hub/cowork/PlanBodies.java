package fr.relais.hub.cowork;

import fr.relais.protocol.access.AccessWindow;
import java.time.LocalDate;
import java.util.List;

/** A plan as a request body gives it, whole (creation) or in part over the plan it changes. */
final class PlanBodies {
    static final int MAX_DOORS = 64;

    private PlanBodies() {
    }

    static Plan read(CoworkBody body, Plan before, String site, String id, long createdAt) throws CoworkBody.Invalid {
        boolean creating = before == null;
        String name = creating || body.has("name") ? body.text("name", true) : before.name();
        String kind = creating || body.has("kind") ? body.choice("kind", true, Plan.KINDS) : before.kind();
        List<String> doors = body.has("doors") ? body.ids("doors", MAX_DOORS) : creating ? null : before.doors();
        if (doors == null) {
            doors = List.of();
        }
        List<AccessWindow> windows = body.has("windows") ? Windows.read(body.raw("windows"), "windows")
                : creating ? List.of() : before.windows();
        LocalDate from = body.has("validFrom") || creating ? body.date("validFrom") : before.validFrom();
        LocalDate until = body.has("validUntil") || creating ? body.date("validUntil") : before.validUntil();
        if (from != null && until != null && until.isBefore(from)) {
            throw new CoworkBody.Invalid("validUntil " + until + " is before validFrom " + from);
        }
        Integer packDays = body.has("packDays") || creating ? body.whole("packDays", 1, 10_000) : before.packDays();
        if (kind.equals("pack") && packDays == null) {
            throw new CoworkBody.Invalid("packDays is required for a plan of kind pack");
        }
        if (!kind.equals("pack") && packDays != null) {
            throw new CoworkBody.Invalid("packDays is for a plan of kind pack only");
        }
        return new Plan(id, site, name, kind, doors, windows, from, until, packDays, createdAt);
    }
}
