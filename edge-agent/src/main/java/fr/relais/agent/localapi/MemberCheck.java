package fr.relais.agent.localapi;

import fr.relais.agent.access.AccessPolicy;
import fr.relais.agent.access.HeldList;
import fr.relais.protocol.access.BadgeGrant;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who a badge read at the kiosk is, from the node's access list (the one its doors decide with,
 * verified and held by {@code AccessListHolder}): a member valid today, or the French reason it is
 * not. No door, no hours: checking in says "I am here", the door already decided whether one may be.
 */
public final class MemberCheck {
    /** {@code member} is present when the badge is valid now; otherwise {@code message} says why not. */
    public record Verdict(Optional<String> member, Optional<BadgeClass> badgeClass, String message) {
        public boolean valid() {
            return member.isPresent();
        }
    }

    private final Supplier<Optional<HeldList>> lists;
    private final AccessPolicy policy;

    public MemberCheck(Supplier<Optional<HeldList>> lists, AccessPolicy policy) {
        this.lists = lists;
        this.policy = policy;
    }

    public Verdict check(String badgeHash, Instant now) {
        Optional<HeldList> held = lists.get();
        if (held.isEmpty()) {
            return refused("Les badges ne peuvent pas être vérifiés ici pour le moment : adressez-vous à l'accueil.");
        }
        HeldList list = held.get();
        Optional<BadgeGrant> found = list.grant(badgeHash);
        if (list.revoked(badgeHash) || found.isEmpty()) {
            return refused("Ce badge n'est pas reconnu : adressez-vous à l'accueil.");
        }
        BadgeGrant grant = found.get();
        LocalDate today = LocalDate.ofInstant(now, list.list().timeZone());
        if (grant.suspended()) {
            return refused("Votre abonnement est suspendu : adressez-vous à l'accueil.");
        }
        if (grant.validFrom().filter(today::isBefore).isPresent()) {
            return refused("Votre abonnement n'a pas encore commencé.");
        }
        if (grant.validUntil().filter(today::isAfter).isPresent()) {
            return refused("Votre abonnement est terminé : adressez-vous à l'accueil pour le renouveler.");
        }
        if (policy.tooOldFor(grant.badgeClass(), list.age(now))) {
            return refused("Les badges ne peuvent pas être vérifiés ici pour le moment : adressez-vous à l'accueil.");
        }
        return new Verdict(Optional.of(grant.member()), Optional.of(grant.badgeClass()), "");
    }

    /** A staff or maintenance badge of the list, valid now. */
    public boolean isTechnician(String badgeHash, Instant now) {
        Verdict verdict = check(badgeHash, now);
        return verdict.valid() && verdict.badgeClass().orElse(BadgeClass.MEMBER) != BadgeClass.MEMBER;
    }

    private static Verdict refused(String message) {
        return new Verdict(Optional.empty(), Optional.empty(), message);
    }
}
