package fr.relais.hub.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first account, so that a new hub can be logged into at all: {@code admin}, with the
 * password given, else a generated one printed once on standard output (not in the log, which
 * is kept and copied about). Also writes an admin bearer token to a file for scripts, if asked.
 */
final class AdminBootstrap {
    static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountStore accounts;
    private final Passwords passwords;
    private final Authenticator authenticator;
    private final Clock clock;

    AdminBootstrap(AccountStore accounts, Passwords passwords, Authenticator authenticator, Clock clock) {
        this.accounts = accounts;
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
        settings.adminTokenFile().ifPresent(this::writeToken);
    }

    private void writeToken(Path file) {
        if (Files.exists(file)) {
            return;
        }
        if (accounts.find(ADMIN).filter(Account::enabled).isEmpty()) {
            LOG.warn("no admin token written to {}: the account '{}' is missing or disabled", file, ADMIN);
            return;
        }
        Authenticator.NewToken token = authenticator.createToken(ADMIN, "written to " + file.getFileName(), null);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                // Created readable by its owner only, before a single byte of the secret is in it.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token.secret() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info("wrote a bearer token of '{}' to {}", ADMIN, file);
        } catch (FileAlreadyExistsException raced) {
            LOG.info("{} appeared meanwhile: kept as it is", file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin token to " + file + ": " + e.getMessage(), e);
        }
    }
}
