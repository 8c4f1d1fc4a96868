package fr.relais.hub.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first account, so that a new hub can be logged into at all: {@code admin}, with the
 * password given, else a generated one printed once on standard output (not in the log, which
 * is kept and copied about). Also writes an admin bearer token to a file for scripts, if asked:
 * a fresh one at every start, valid for a short time, the previous one revoked, so that the demo's
 * token neither lives forever nor outlives the file.
 */
final class AdminBootstrap {
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final AccountStore accounts;
    private final TokenStore tokens;
    private final Passwords passwords;
    private final Authenticator authenticator;
    private final Clock clock;

    AdminBootstrap(AccountStore accounts, TokenStore tokens, Passwords passwords, Authenticator authenticator,
                   Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwords = passwords;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    void run(AuthSettings settings, PrintStream out) {
        if (!accounts.any()) {
            String password = settings.adminPassword().orElseGet(Secrets::random);
            if (accounts.create(new Account(ADMIN, Role.ADMIN, null, clock.millis(), null), passwords.hash(password))) {
                LOG.info("created the account '{}' (role admin): the hub had no account", ADMIN);
                if (settings.adminPassword().isEmpty()) {
                    out.println("Relais hub: created the account 'admin' with the password " + password);
                    out.println("Relais hub: this password is shown only this once; change it with"
                            + " PATCH /api/accounts/admin {\"password\": …}");
                    out.flush();
                }
            }
        } else if (settings.adminPassword().isPresent()) {
            LOG.info("the hub has accounts already: the admin password option only applies at first start");
        }
        int bounded = authenticator.boundUnlimitedTokens(Duration.ofDays(TokenRoutes.DEFAULT_EXPIRY_DAYS));
        if (bounded > 0) {
            LOG.warn("{} bearer token(s) had no expiry: they now end in {} days (renew them with POST /api/tokens)",
                    bounded, TokenRoutes.DEFAULT_EXPIRY_DAYS);
        }
        settings.adminTokenFile().ifPresent(file -> writeToken(file, settings.adminTokenLifetime()));
    }

    private void writeToken(Path file, Duration lifetime) {
        if (accounts.find(ADMIN).filter(Account::enabled).isEmpty()) {
            LOG.warn("no admin token written to {}: the account '{}' is missing or disabled", file, ADMIN);
            return;
        }
        Optional<String> previous = previousSecret(file);
        Authenticator.NewToken token = authenticator.createToken(ADMIN, "written to " + file.getFileName(), lifetime);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path fresh = Files.createTempFile(parent, ".admin-token", ".new", OWNER_ONLY);
            try {
                // Readable by its owner only before a single byte of the secret is in it; then put in
                // place at once, so a script never reads half a token.
                Files.writeString(fresh, token.secret() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(fresh);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin token to " + file + ": " + e.getMessage(), e);
        }
        boolean revoked = previous.map(secret -> tokens.deleteBySecret(Secrets.digest(secret), ADMIN)).orElse(false);
        LOG.info("wrote a bearer token of '{}' to {}, valid until {}{}", ADMIN, file,
                AuthJson.time(token.token().expiresAt()), revoked ? "; the one it held before is revoked" : "");
    }

    private static Optional<String> previousSecret(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("cannot read the previous admin token in {} to revoke it: {}", file, e.toString());
            return Optional.empty();
        }
    }
}
