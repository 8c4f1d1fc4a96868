package fr.relais.provisioning.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;

/**
 * Gives the broker's files to the {@code mosquitto} account where this machine has one and the
 * renderer may: Mosquitto 2.0 reads its password file, ACL and key after dropping root. Where it
 * cannot (a technician's laptop), it says what to run on the broker machine instead.
 */
final class ServiceAccounts {
    static final String BROKER_ACCOUNT = "mosquitto";

    Optional<String> groupReadable(Path file) {
        try {
            UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(BROKER_ACCOUNT);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
            return Optional.empty();
        } catch (UserPrincipalNotFoundException | UnsupportedOperationException e) {
            return Optional.of("no '" + BROKER_ACCOUNT + "' group here: on the broker machine run chgrp "
                    + BROKER_ACCOUNT + " " + file.getFileName());
        } catch (IOException e) {
            return Optional.of("cannot give " + file.getFileName() + " to group " + BROKER_ACCOUNT + " (" + e.getMessage()
                    + "): on the broker machine run chgrp " + BROKER_ACCOUNT + " " + file.getFileName());
        }
    }

    Optional<String> ownedByBroker(Path dir) {
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(BROKER_ACCOUNT);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(BROKER_ACCOUNT);
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            if (!view.getOwner().equals(user)) {
                view.setOwner(user);
                view.setGroup(group);
            }
            return Optional.empty();
        } catch (UserPrincipalNotFoundException | UnsupportedOperationException e) {
            return Optional.of("no '" + BROKER_ACCOUNT + "' account here: on the broker machine run chown "
                    + BROKER_ACCOUNT + ": " + dir.getFileName());
        } catch (IOException e) {
            return Optional.of("cannot give " + dir.getFileName() + " to " + BROKER_ACCOUNT + " (" + e.getMessage()
                    + "): on the broker machine run chown " + BROKER_ACCOUNT + ": " + dir.getFileName());
        }
    }
}
