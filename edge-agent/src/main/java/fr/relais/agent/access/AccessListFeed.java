package fr.relais.agent.access;

import fr.relais.agent.uplink.AccessListInbox;
import fr.relais.protocol.access.AccessListAssembler;
import fr.relais.protocol.access.AccessListException;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.AccessListFragment;
import fr.relais.protocol.access.AccessListFragments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's list on its way in: fragments glued back ({@link AccessListAssembler}), the whole
 * offered to the holder (which verifies the signature, the site and the version), and the node's
 * answer ({@code access-list}) after each offer and at each connection. A fragment that is
 * garbage or for another site is refused and counted with the holder's refusals; it is logged the
 * first time for each reason, and answered at most once a minute, so a broken publisher cannot
 * flood the outbox.
 */
public final class AccessListFeed implements AccessListInbox {
    private static final Logger LOG = LoggerFactory.getLogger(AccessListFeed.class);
    static final Duration ANSWER_REFUSED_FRAGMENTS_EVERY = Duration.ofMinutes(1);

    private final AccessListFragments fragments = new AccessListFragments();
    private final AccessListAssembler assembler;
    private final AccessListHolder holder;
    private final AccessLog log;
    private final Clock clock;
    private final Set<Reason> logged = EnumSet.noneOf(Reason.class);
    private Instant lastFragmentAnswer = Instant.MIN;
    /** A delta the holder could not apply: until a snapshot arrives, every answer asks for one. */
    private boolean wrongBase;

    public AccessListFeed(String site, AccessListHolder holder, AccessLog log, Clock clock) {
        this.assembler = new AccessListAssembler(site);
        this.holder = holder;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public synchronized void deliver(byte[] payload) {
        Instant now = clock.instant();
        Optional<byte[]> whole;
        try {
            AccessListFragment fragment = fragments.decode(payload);
            whole = assembler.add(fragment, now);
        } catch (AccessListException e) {
            refusedFragment(e, now);
            return;
        } catch (RuntimeException e) {
            refusedFragment(new AccessListException(Reason.MALFORMED, "payload", "unreadable fragment: " + e), now);
            return;
        }
        if (whole.isPresent()) {
            offer(whole.get(), now);
        }
    }

    private void offer(byte[] wire, Instant now) {
        AccessListOffer offer = holder.offer(wire, now);
        if (offer.refusal().isEmpty()) {
            wrongBase = wrongBase && offer.outcome() == AccessListOffer.Outcome.CONFIRMED;
            answer("accepted", Optional.empty());
            return;
        }
        Reason reason = offer.refusal().get().reason();
        wrongBase = wrongBase || offer.snapshotNeeded();
        answer(reason == Reason.OLD_VERSION ? "ignored" : "refused", Optional.of(AccessListRefusals.wire(reason)));
    }

    private void refusedFragment(AccessListException refusal, Instant now) {
        holder.countRefusal(refusal.reason());
        if (logged.add(refusal.reason())) {
            LOG.warn("access list fragment refused ({}); further ones for this reason are only counted: {}",
                    AccessListRefusals.wire(refusal.reason()), refusal.getMessage());
        } else {
            LOG.debug("access list fragment refused: {}", refusal.getMessage());
        }
        if (!now.isBefore(lastFragmentAnswer.plus(ANSWER_REFUSED_FRAGMENTS_EVERY))) {
            lastFragmentAnswer = now;
            answer("refused", Optional.of(AccessListRefusals.wire(refusal.reason())));
        }
    }

    @Override
    public synchronized void connected() {
        answer("connected", Optional.empty());
    }

    private void answer(String outcome, Optional<String> reason) {
        Optional<HeldList> held = holder.current();
        log.record(Optional.empty(), AccessEvents.list(held, outcome, reason, held.isEmpty() || wrongBase));
    }
}
