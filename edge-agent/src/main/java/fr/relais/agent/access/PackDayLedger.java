package fr.relais.agent.access;

import fr.relais.protocol.access.AccessList;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.PackDays;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pack days this door counted itself that its list does not show yet. Offline, the list keeps
 * saying "3 left, last counted Monday" for days; without this ledger a member would get every day
 * for free (or one day counted at each entry). Keyed by member, not by badge: a member's badges
 * share one pack.
 *
 * <p>A day counted here stops mattering once a list says the hub counted that day or a later one
 * ({@code countedDay >= day}): the hub decrements the pack when the access event carrying
 * {@code packDay} reaches it, at most once per member and local day. Immutable: each count gives a
 * new ledger, which the caller keeps (and stores via {@link #state()}) before it opens the door.
 */
public final class PackDayLedger {
    private static final PackDayLedger EMPTY = new PackDayLedger(Map.of());

    private final Map<String, NavigableSet<LocalDate>> pending;

    private PackDayLedger(Map<String, NavigableSet<LocalDate>> pending) {
        this.pending = pending;
    }

    public static PackDayLedger empty() {
        return EMPTY;
    }

    /** From what {@link #state()} gave, e.g. read back from the agent's store after a restart. */
    public static PackDayLedger fromState(Map<String, List<LocalDate>> state) {
        Map<String, NavigableSet<LocalDate>> copy = new HashMap<>();
        state.forEach((member, days) -> {
            Objects.requireNonNull(member, "member");
            if (!days.isEmpty()) {
                copy.put(member, new TreeSet<>(days));
            }
        });
        return new PackDayLedger(copy);
    }

    /** Member id to the days counted here and not yet seen in a list, oldest first. */
    public Map<String, List<LocalDate>> state() {
        Map<String, List<LocalDate>> state = new HashMap<>();
        pending.forEach((member, days) -> state.put(member, List.copyOf(days)));
        return Map.copyOf(state);
    }

    public PackDayLedger counted(String member, LocalDate day) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(day, "day");
        Map<String, NavigableSet<LocalDate>> next = new HashMap<>(pending);
        NavigableSet<LocalDate> days = new TreeSet<>(pending.getOrDefault(member, new TreeSet<>()));
        days.add(day);
        next.put(member, days);
        return new PackDayLedger(next);
    }

    /** The pack as it really stands: the list's, minus the days counted here since. */
    public PackDays effective(String member, PackDays fromList) {
        NavigableSet<LocalDate> days = unseen(member, fromList.countedDay());
        if (days.isEmpty()) {
            return fromList;
        }
        return new PackDays(Math.max(0, fromList.left() - days.size()), Optional.of(days.last()));
    }

    /** This door already counted that local day for the member (whatever the list says). */
    public boolean countedOn(String member, LocalDate day) {
        NavigableSet<LocalDate> days = pending.get(member);
        return days != null && days.contains(day);
    }

    /** Forgets what a new snapshot shows the hub knows, and members who no longer have a pack. */
    public PackDayLedger reconciledWith(AccessList snapshot) {
        Map<String, PackDays> packs = new HashMap<>();
        for (BadgeGrant grant : snapshot.grants()) {
            grant.packDays().ifPresent(pack -> packs.merge(grant.member(), pack,
                    (one, other) -> later(one, other)));
        }
        Map<String, NavigableSet<LocalDate>> next = new HashMap<>();
        pending.forEach((member, days) -> {
            PackDays pack = packs.get(member);
            if (pack != null) {
                NavigableSet<LocalDate> left = unseen(member, pack.countedDay());
                if (!left.isEmpty()) {
                    next.put(member, left);
                }
            }
        });
        return new PackDayLedger(next);
    }

    private NavigableSet<LocalDate> unseen(String member, Optional<LocalDate> listCounted) {
        NavigableSet<LocalDate> days = pending.getOrDefault(member, new TreeSet<>());
        return listCounted.map(seen -> (NavigableSet<LocalDate>) new TreeSet<>(days.tailSet(seen, false)))
                .orElse(days);
    }

    private static PackDays later(PackDays one, PackDays other) {
        LocalDate first = one.countedDay().orElse(LocalDate.MIN);
        LocalDate second = other.countedDay().orElse(LocalDate.MIN);
        return second.isAfter(first) ? other : one;
    }

    @Override
    public String toString() {
        return "PackDayLedger[" + pending.size() + " members]";
    }
}
