package fr.relais.provisioning.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.relais.provisioning.secrets.AccessSigningKey;
import fr.relais.provisioning.secrets.BadgeKeys;
import fr.relais.provisioning.secrets.GeneratedPasswords;
import fr.relais.provisioning.render.GeneratedFile;
import fr.relais.provisioning.secrets.MosquittoPasswords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deployment's passwords, in one JSON file readable by its owner only, never in the
 * inventory. Rendering reads them back so that the same inventory gives the same files; only
 * {@code rotate} and new nodes add passwords. Written whole to a temporary file then moved, so a
 * crash never leaves half a store.
 */
public final class SecretStore {
    static final String HUB_USERNAME = HubIdentity.FIRST_USERNAME;
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * The file's shape; {@code version} lets a later release read an older store. A store written
     * before badge keys existed has none ({@code null}): each site gets one at the next render;
     * likewise the access signing key.
     */
    record Contents(int version, Credential hub, String adminPassword, String brokerDir,
                    Map<String, NodeIdentity> nodes, java.util.List<String> revokedSerials,
                    java.util.List<Credential> hubPrevious, Map<String, String> badgeKeys,
                    AccessSigningKey accessSigningKey) {
    }

    private final Path file;
    private HubIdentity hub;
    private String adminPassword;
    private String brokerDir;
    private final Map<String, NodeIdentity> nodes;
    /** Per site, never per node: one card must give one hash on every reader of the place. */
    private final Map<String, String> badgeKeys;
    /** Serials of client certificates no credential carries any more: they stay on the CRL. */
    private final java.util.SortedSet<String> revokedSerials = new java.util.TreeSet<>();
    /** One per deployment: the hub signs every site's access list with it. */
    private AccessSigningKey accessSigningKey;
    private boolean changed;

    private SecretStore(Path file, Contents contents) {
        this.file = file;
        this.hub = new HubIdentity(contents.hub(), contents.hubPrevious());
        this.adminPassword = contents.adminPassword();
        this.brokerDir = contents.brokerDir();
        this.nodes = new TreeMap<>(contents.nodes() == null ? Map.of() : contents.nodes());
        this.badgeKeys = new TreeMap<>(contents.badgeKeys() == null ? Map.of() : contents.badgeKeys());
        this.accessSigningKey = contents.accessSigningKey();
        if (contents.revokedSerials() != null) {
            revokedSerials.addAll(contents.revokedSerials());
        }
    }

    /** Reads the store, or starts an empty one (the hub's credentials made at once). */
    static SecretStore open(Path file, Instant now) throws DeploymentException {
        if (!Files.exists(file)) {
            SecretStore store = new SecretStore(file, new Contents(1, newCredential(HUB_USERNAME, now), null, null,
                    Map.of(), java.util.List.of(), java.util.List.of(), Map.of(), null));
            store.adminPassword = GeneratedPasswords.generate();
            store.changed = true;
            return store;
        }
        Contents contents;
        try {
            contents = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Contents.class);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the text around the error: a password, here.
            String where = e.getLocation() == null ? "" : " near line " + e.getLocation().getLineNr();
            throw new DeploymentException(file + ": unreadable secret store (not the expected JSON" + where
                    + "); restore it from your backup: the broker's passwords depend on it", e);
        } catch (IOException e) {
            throw new DeploymentException(file + ": cannot read the secret store: " + e, e);
        }
        String problem = StoredSecrets.problem(contents);
        if (problem != null) {
            throw new DeploymentException(file + ": damaged secret store (" + problem
                    + "); restore it from your backup: the broker's passwords depend on it");
        }
        return new SecretStore(file, contents);
    }

    /**
     * Reads the store of an existing deployment and nothing else: for commands that only look
     * (badge-hash), which must never start a store nor make a key that render did not.
     */
    public static SecretStore existing(DeploymentLayout layout) throws DeploymentException {
        Path file = layout.credentials();
        if (!Files.isRegularFile(file)) {
            throw new DeploymentException("no secret store at " + file + ": is " + layout.root()
                    + " a deployment folder? (render makes it)");
        }
        return open(file, Instant.EPOCH);
    }

    /** The hub's current credential: what hub.env carries. */
    public Credential hub() {
        return hub.current();
    }

    /** Every hub credential the broker must accept now (a rotation's overlap), the current one last. */
    public java.util.List<Credential> hubCredentials(Instant now) {
        return hub.valid(now);
    }

    /** New hub credentials under a new username; the old ones stay valid until {@code overlapEnds}. */
    public Credential rotateHub(Instant now, Instant overlapEnds) {
        hub = hub.rotated(SecretStore::newCredential, now, overlapEnds);
        changed = true;
        return hub.current();
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The node's identity, a first credential made if it has none yet. */
    public NodeIdentity node(String node, Instant now) {
        return nodes.computeIfAbsent(node, id -> {
            changed = true;
            return new NodeIdentity(1, java.util.List.of(newCredential(NodeIdentity.username(id, 1), now)), null);
        });
    }

    /**
     * The site's badge hash key, made on first use and kept for good: {@code rotate} does not
     * touch it (it rotates a node's MQTT identity), and a site that leaves the inventory keeps it,
     * since a new key would make every badge the hub knows there unknown.
     */
    public String badgeKey(String site) {
        return badgeKeys.computeIfAbsent(site, id -> {
            changed = true;
            return BadgeKeys.generate();
        });
    }

    /** The site's badge hash key if render made one, without making any. */
    public java.util.Optional<String> storedBadgeKey(String site) {
        return java.util.Optional.ofNullable(badgeKeys.get(site));
    }

    /** The sites that have a badge hash key, in order. */
    public java.util.Set<String> badgeKeySites() {
        return java.util.Collections.unmodifiableSet(badgeKeys.keySet());
    }

    /**
     * The hub's key pair for signing access lists, made on first use and kept for good: no
     * command renews it, since every door would refuse the lists signed with a new one until it
     * gets a new {@code agent.yaml}.
     */
    public AccessSigningKey accessSigningKey() {
        if (accessSigningKey == null) {
            accessSigningKey = AccessSigningKey.generate();
            changed = true;
        }
        return accessSigningKey;
    }

    /** The node's identity if it has one, without making any. */
    public java.util.Optional<NodeIdentity> existing(String node) {
        return java.util.Optional.ofNullable(nodes.get(node));
    }

    public NodeIdentity rotate(String node, Instant now, Instant overlapEnds) {
        NodeIdentity rotated = node(node, now).rotated(node, SecretStore::newCredential, now, overlapEnds);
        replace(node, rotated);
        return rotated;
    }

    /** Puts a node's new identity in place; certificates of credentials it no longer has are revoked. */
    private void replace(String node, NodeIdentity identity) {
        NodeIdentity before = nodes.put(node, identity);
        if (before != null) {
            java.util.Set<String> kept = new java.util.HashSet<>();
            identity.credentials().forEach(credential -> kept.add(credential.certificateSerial()));
            before.credentials().stream().map(Credential::certificateSerial)
                    .filter(serial -> serial != null && !kept.contains(serial)).forEach(revokedSerials::add);
        }
        changed = true;
    }

    /** The client certificate now issued under a credential's username (kept to revoke it one day). */
    void recordCertificate(String node, String username, java.math.BigInteger serial) {
        String hex = serial.toString(16);
        NodeIdentity identity = nodes.get(node);
        java.util.List<Credential> updated = new java.util.ArrayList<>();
        boolean found = false;
        for (Credential credential : identity.credentials()) {
            if (credential.username().equals(username) && !hex.equals(credential.certificateSerial())) {
                if (credential.certificateSerial() != null) {
                    revokedSerials.add(credential.certificateSerial()); // renewed: the old one goes
                }
                credential = credential.withCertificateSerial(hex);
                found = true;
            }
            updated.add(credential);
        }
        if (found) {
            replace(node, new NodeIdentity(identity.generation(), updated, identity.revokedAt()));
        }
    }

    /**
     * Every client certificate to refuse: those of revoked nodes, of credentials past their overlap,
     * of nodes that no longer use a certificate; all but {@code inUse}, the usernames of the
     * certificates valid now.
     */
    public java.util.Set<java.math.BigInteger> revokedCertificates(java.util.Set<String> inUse) {
        java.util.Set<java.math.BigInteger> serials = new java.util.TreeSet<>();
        revokedSerials.forEach(hex -> serials.add(new java.math.BigInteger(hex, 16)));
        nodes.values().forEach(identity -> identity.credentials().forEach(credential -> {
            if (credential.certificateSerial() != null
                    && (identity.revoked() || !inUse.contains(credential.username()))) {
                serials.add(new java.math.BigInteger(credential.certificateSerial(), 16));
            }
        }));
        return serials;
    }

    public NodeIdentity revoke(String node, Instant now) {
        NodeIdentity revoked = node(node, now).revokedAt(now);
        nodes.put(node, revoked);
        changed = true;
        return revoked;
    }

    /** Where the broker folder lives on the broker machine, as last rendered; null if never said. */
    public String brokerDir() {
        return brokerDir;
    }

    void brokerDir(String dir) {
        if (!dir.equals(brokerDir)) {
            brokerDir = dir;
            changed = true;
        }
    }

    /**
     * Nodes the inventory no longer lists are revoked: if the same id comes back (a new Pi for a
     * stolen one), it must not find the old SD card's password still valid.
     */
    void retireAllBut(java.util.Set<String> inventoryNodes, Instant now) {
        for (Map.Entry<String, NodeIdentity> entry : nodes.entrySet()) {
            if (!inventoryNodes.contains(entry.getKey()) && !entry.getValue().revoked()) {
                entry.setValue(entry.getValue().revokedAt(now));
                changed = true;
            }
        }
    }

    /** Forgets credentials whose overlap has ended (their certificates stay revoked). */
    void prune(Instant now) {
        HubIdentity prunedHub = hub.pruned(now);
        if (!prunedHub.equals(hub)) {
            hub = prunedHub;
            changed = true;
        }
        for (String node : java.util.List.copyOf(nodes.keySet())) {
            NodeIdentity identity = nodes.get(node);
            NodeIdentity pruned = identity.pruned(now);
            if (!pruned.equals(identity)) {
                replace(node, pruned);
            }
        }
    }

    /** Writes the store if anything changed (owner read/write only, whole or not at all). */
    void save() throws IOException {
        if (!changed) {
            return;
        }
        GeneratedFile.write(file, (JSON.writeValueAsString(new Contents(1, hub.current(), adminPassword, brokerDir, nodes,
                java.util.List.copyOf(revokedSerials), hub.previous(), badgeKeys, accessSigningKey)) + "\n")
                .getBytes(StandardCharsets.UTF_8), "rw-------");
        changed = false;
    }

    private static Credential newCredential(String username, Instant now) {
        return new Credential(username, GeneratedPasswords.generate(),
                Base64.getEncoder().encodeToString(MosquittoPasswords.newSalt()), now, null, null);
    }

    /** The passwd line value for a credential: deterministic, from its stored salt. */
    public static String passwdHash(Credential credential) {
        return MosquittoPasswords.hash(credential.password(), credential.saltBytes());
    }
}
