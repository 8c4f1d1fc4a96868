package fr.relais.hub.auth;

import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.JsonBody;
import fr.relais.hub.web.ListParams;
import fr.relais.hub.web.PagedReply;
import fr.relais.hub.web.Period;
import fr.relais.protocol.Ids;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

/** Accounts management and the audit log, for admins ({@link Permissions} keeps the others out). */
final class AccountRoutes {
    static final int DEFAULT_AUDIT_LIMIT = 100;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final AccountStore accounts;
    private final AuditStore audit;
    private final Passwords passwords;
    private final Clock clock;

    AccountRoutes(AccountStore accounts, AuditStore audit, Passwords passwords, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.passwords = passwords;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/accounts").handler(ctx -> SessionRoutes.blocking(ctx, accounts::all,
                all -> ctx.json(AuthJson.array(all, AuthJson::account))));
        router.post("/api/accounts").handler(this::create);
        router.patch("/api/accounts/:username").handler(this::change);
        router.delete("/api/accounts/:username").handler(this::delete);
        router.get("/api/audit").handler(this::audit);
    }

    private void create(RoutingContext ctx) {
        Account account;
        String password;
        try {
            JsonBody body = JsonBody.of(ctx, Set.of("username", "password", "role", "site"));
            String username = body.text("username", true);
            if (!USERNAME.matcher(username).matches()) {
                throw new JsonBody.Invalid("username must be 1 to 63 lower-case letters, digits, '.', '_' or '-',"
                        + " starting with a letter or a digit");
            }
            password = body.text("password", true);
            Role role = role(body.text("role", true));
            account = new Account(username, role, site(role, body.text("site", false), true), clock.millis(), null);
            String problem = Passwords.problem(password);
            if (problem != null) {
                throw new JsonBody.Invalid(problem);
            }
        } catch (JsonBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        SessionRoutes.blocking(ctx, () -> accounts.create(account, passwords.hash(password)), created -> {
            if (!created) {
                ApiErrors.fail(ctx, 409, "an account '" + account.username() + "' exists already");
                return;
            }
            Audit.summary(ctx, "account " + account.username() + " created (" + account.role().wire()
                    + (account.site() == null ? "" : " of " + account.site()) + ")");
            ctx.response().setStatusCode(201).putHeader("content-type", "application/json; charset=utf-8")
                    .end(AuthJson.account(account).encode());
        });
    }

    private void change(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        AccountChange change;
        try {
            JsonBody body = JsonBody.of(ctx, Set.of("password", "role", "site", "disabled"));
            String password = body.text("password", false);
            if (password != null && Passwords.problem(password) != null) {
                throw new JsonBody.Invalid(Passwords.problem(password));
            }
            String roleText = body.text("role", false);
            Role role = roleText == null ? null : role(roleText);
            String site = body.text("site", false);
            if (site != null) {
                site(role == null ? Role.VIEWER : role, site, false);
            }
            change = new AccountChange(password, role, site, body.bool("disabled"));
        } catch (JsonBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        SessionRoutes.blocking(ctx, () -> {
            String hash = change.password() == null ? null : passwords.hash(change.password());
            AccountStore.Change done = accounts.update(username, change, hash, clock.millis());
            return done == AccountStore.Change.DONE ? accounts.find(username).orElse(null) : done;
        }, outcome -> {
            if (outcome instanceof Account account) {
                Audit.summary(ctx, "account " + username + " changed: " + describe(change));
                ctx.json(AuthJson.account(account));
            } else {
                refuse(ctx, (AccountStore.Change) outcome, username);
            }
        });
    }

    private void delete(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        SessionRoutes.blocking(ctx, () -> accounts.delete(username), done -> {
            if (done != AccountStore.Change.DONE) {
                refuse(ctx, done, username);
                return;
            }
            Audit.summary(ctx, "account " + username + " deleted");
            ctx.response().setStatusCode(204).end();
        });
    }

    /**
     * Newest first, paged by cursor like the other lists. {@code user} is the filter's name from
     * before the audit had pages, still read so that existing scripts keep working.
     */
    private void audit(RoutingContext ctx) {
        PagedReply.send(ctx.vertx(), ctx, Set.of("username", "user", Period.FROM, Period.TO), DEFAULT_AUDIT_LIMIT,
                params -> {
                    String username = params.text("username");
                    String user = params.text("user");
                    if (username != null && user != null) {
                        throw new ListParams.Bad("give username or user (its older name), not both");
                    }
                    Period period = Period.of(params);
                    AuditStore.Filter filter = new AuditStore.Filter(username != null ? username : user,
                            period.from(), period.to());
                    return page -> audit.page(filter, page);
                }, AuthJson::audit);
    }

    private static void refuse(RoutingContext ctx, AccountStore.Change outcome, String username) {
        switch (outcome) {
            case UNKNOWN -> ApiErrors.fail(ctx, 404, "no account '" + username + "'");
            case LAST_ADMIN -> ApiErrors.fail(ctx, 409, "'" + username + "' is the last enabled admin:"
                    + " make another admin first");
            case VIEWER_WITHOUT_SITE -> ApiErrors.fail(ctx, 400, "a viewer or a manager needs a site");
            case SITE_FOR_NON_VIEWER -> ApiErrors.fail(ctx, 400, "only a viewer or a manager has a site");
            default -> throw new IllegalStateException("not a refusal: " + outcome);
        }
    }

    private static Role role(String text) throws JsonBody.Invalid {
        return Role.fromWire(text).orElseThrow(() ->
                new JsonBody.Invalid("role must be admin, technician, viewer or manager, got '" + text + "'"));
    }

    /** A viewer's or manager's site (required for a new one), or null for the roles that see every site. */
    private static String site(Role role, String site, boolean creating) throws JsonBody.Invalid {
        if (!role.siteScoped()) {
            if (site != null) {
                throw new JsonBody.Invalid("only a viewer or a manager has a site; a " + role.wire()
                        + " sees every site");
            }
            return null;
        }
        if (site == null) {
            if (creating) {
                throw new JsonBody.Invalid("a " + role.wire() + " needs a site, the one they may read");
            }
            return null;
        }
        if (!Ids.isValid(site)) {
            throw new JsonBody.Invalid("site: " + Ids.problem(site));
        }
        return site;
    }

    private static String describe(AccountChange change) {
        StringBuilder text = new StringBuilder();
        if (change.password() != null) {
            text.append(" password");
        }
        if (change.role() != null) {
            text.append(" role=").append(change.role().wire());
        }
        if (change.site() != null) {
            text.append(" site=").append(change.site());
        }
        if (change.disabled() != null) {
            text.append(change.disabled() ? " disabled" : " enabled");
        }
        return text.length() == 0 ? "nothing" : text.toString().trim();
    }
}
