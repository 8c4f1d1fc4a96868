package fr.relais.hub.auth;

import fr.relais.hub.web.Refusal;
import io.vertx.ext.web.RoutingContext;

/**
 * May this caller act on this site: the place features' checks, in one place. A read needs
 * {@link Caller#sees}, a change {@link Caller#runs}; a list shows a site-scoped caller's own site.
 * Each feature words its refusals ({@link Wording}: the API's answers stay as they were) and says
 * whether a request without a caller (a public route: the kiosk, the town halls' feed) passes.
 * A refusal is thrown as a 403 {@link Refusal}, for {@code web.Replies} to answer.
 */
public final class SiteScope {
    /** The message of a 403; {@code caller} is null for a request without one. */
    @FunctionalInterface
    public interface Wording {
        String refused(Caller caller, String site);
    }

    /** Whether a request without a caller passes the check (a public route) or is refused. */
    public enum Anonymous {
        PASSES, REFUSED
    }

    private SiteScope() {
    }

    /**
     * The site a list shows: a site-scoped caller (manager, mediator, viewer) its own, asking
     * for another being refused; the others (and a request without a caller) the one asked, or
     * null for all.
     */
    public static String listed(RoutingContext ctx, String asked, Wording wording) {
        return listed(Caller.of(ctx), asked, wording);
    }

    /** {@link #listed(RoutingContext, String, Wording)} for a caller (null: none). */
    public static String listed(Caller caller, String asked, Wording wording) {
        if (caller != null && caller.role().siteScoped()) {
            if (asked != null && !asked.equals(caller.site())) {
                throw Refusal.forbidden(wording.refused(caller, asked));
            }
            return caller.site();
        }
        return asked;
    }

    /** Refuses a read of what belongs to {@code site} unless the caller {@link Caller#sees} it. */
    public static void maySee(RoutingContext ctx, String site, Anonymous anonymous, Wording wording) {
        maySee(Caller.of(ctx), site, anonymous, wording);
    }

    /** {@link #maySee(RoutingContext, String, Anonymous, Wording)} for a caller (null: none). */
    public static void maySee(Caller caller, String site, Anonymous anonymous, Wording wording) {
        if (!(caller == null ? anonymous == Anonymous.PASSES : caller.sees(site))) {
            throw Refusal.forbidden(wording.refused(caller, site));
        }
    }

    /** Refuses a change of what {@code site} runs unless the caller {@link Caller#runs} it. */
    public static void mayRun(RoutingContext ctx, String site, Anonymous anonymous, Wording wording) {
        mayRun(Caller.of(ctx), site, anonymous, wording);
    }

    /** {@link #mayRun(RoutingContext, String, Anonymous, Wording)} for a caller (null: none). */
    public static void mayRun(Caller caller, String site, Anonymous anonymous, Wording wording) {
        if (!(caller == null ? anonymous == Anonymous.PASSES : caller.runs(site))) {
            throw Refusal.forbidden(wording.refused(caller, site));
        }
    }
}
