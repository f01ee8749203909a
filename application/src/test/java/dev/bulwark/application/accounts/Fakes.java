package dev.bulwark.application.accounts;

import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.BackupCode;
import dev.bulwark.domain.accounts.Invitation;
import dev.bulwark.domain.accounts.LoginFailure;
import dev.bulwark.domain.accounts.LoginSubject;
import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.driven.accounts.ApiKeys;
import dev.bulwark.ports.driven.accounts.Invitations;
import dev.bulwark.ports.driven.accounts.LoginThrottle;
import dev.bulwark.ports.driven.accounts.Memberships;
import dev.bulwark.ports.driven.accounts.PasswordHasher;
import dev.bulwark.ports.driven.accounts.PasswordStrength;
import dev.bulwark.ports.driven.accounts.Sessions;
import dev.bulwark.ports.driven.accounts.SetupTokens;
import dev.bulwark.ports.driven.accounts.TwoFactorSecrets;
import dev.bulwark.ports.driven.accounts.Users;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.storage.Workspaces;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.SecretUnavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Small in-memory driven ports for the accounts use cases: each keeps the promises its port documents. */
final class Fakes {
    private Fakes() {
    }

    static final class Clock implements TimeSource {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");

        @Override
        public Instant now() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    static final class Ids implements IdGenerator {
        private long next = 1;

        @Override
        public UUID newId() {
            return new UUID(0x0190_0000_0000_7000L, next++);
        }
    }

    /** Repeatable randomness; {@link #fixed} makes the next calls return chosen bytes. */
    static final class Randomness implements SecureTokens {
        private final Random random = new Random(42);
        final List<byte[]> fixed = new ArrayList<>();
        int calls;

        @Override
        public byte[] bytes(int length) {
            calls++;
            if (!fixed.isEmpty()) {
                return fixed.removeFirst();
            }
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }

    /** Runs the work; says whether a write happened inside a unit of work, and counts the units. */
    static final class Tx implements Transactions {
        int depth;
        int units;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (depth == 0) {
                units++;
            }
            depth++;
            try {
                return work.get();
            } finally {
                depth--;
            }
        }

        boolean active() {
            return depth > 0;
        }
    }

    static final class FakeWorkspaces implements Workspaces {
        final Map<WorkspaceId, Workspace> all = new HashMap<>();
        final Tx tx;
        final List<Boolean> createdInTx = new ArrayList<>();

        FakeWorkspaces(Tx tx) {
            this.tx = tx;
        }

        @Override
        public void create(Workspace workspace) {
            if (all.putIfAbsent(workspace.id(), workspace) != null) {
                throw new Conflict("workspace exists");
            }
            createdInTx.add(tx.active());
        }

        @Override
        public Optional<Workspace> find(WorkspaceId id) {
            return Optional.ofNullable(all.get(id));
        }
    }

    static final class FakeUsers implements Users {
        final Map<UserId, User> all = new LinkedHashMap<>();
        final FakeWorkspaces workspaces;
        final List<Boolean> createdInTx = new ArrayList<>();

        FakeUsers(FakeWorkspaces workspaces) {
            this.workspaces = workspaces;
        }

        @Override
        public void create(User user) {
            if (all.values().stream().anyMatch(u -> u.email().equals(user.email())) || all.containsKey(user.id())) {
                throw new Conflict("a user with this email (or id) exists already");
            }
            if (workspaces.find(user.personalWorkspace()).isEmpty()) {
                throw new NotFound("workspace not found");
            }
            all.put(user.id(), user);
            createdInTx.add(workspaces.tx.active());
        }

        @Override
        public Optional<User> find(UserId id) {
            return Optional.ofNullable(all.get(id));
        }

        @Override
        public Optional<User> findByEmail(String email) {
            String normalized = email.strip().toLowerCase(Locale.ROOT);
            return all.values().stream().filter(u -> u.email().equals(normalized)).findFirst();
        }

        @Override
        public boolean any() {
            return !all.isEmpty();
        }

        @Override
        public void updatePasswordHash(UserId id, PasswordHash hash, Instant at) {
            User user = find(id).orElseThrow(() -> new NotFound("user not found"));
            all.put(id, user.withPasswordHash(hash, at));
        }
    }

    static final class FakeMemberships implements Memberships {
        final List<Membership> all = new ArrayList<>();
        final FakeUsers users;
        final List<Boolean> addedInTx = new ArrayList<>();

        FakeMemberships(FakeUsers users) {
            this.users = users;
        }

        @Override
        public void add(Membership membership) {
            if (roleOf(membership.workspace(), membership.user()).isPresent()) {
                throw new Conflict("member already");
            }
            if (users.find(membership.user()).isEmpty() || users.workspaces.find(membership.workspace()).isEmpty()) {
                throw new NotFound("user or workspace not found");
            }
            all.add(membership);
            addedInTx.add(users.workspaces.tx.active());
        }

        @Override
        public Optional<Role> roleOf(WorkspaceId workspace, UserId user) {
            return find(workspace, user).map(Membership::role);
        }

        private Optional<Membership> find(WorkspaceId workspace, UserId user) {
            return all.stream().filter(m -> m.workspace().equals(workspace) && m.user().equals(user)).findFirst();
        }

        @Override
        public List<Membership> members(WorkspaceId workspace) {
            return all.stream().filter(m -> m.workspace().equals(workspace)).toList();
        }

        @Override
        public List<Membership> workspacesOf(UserId user) {
            return all.stream().filter(m -> m.user().equals(user)).toList();
        }

        @Override
        public void changeRole(WorkspaceId workspace, UserId user, Role role) {
            Membership m = find(workspace, user).orElseThrow(() -> new NotFound("not a member"));
            if (m.role() == Role.OWNER && role != Role.OWNER && owners(workspace) == 1) {
                throw new Conflict("a workspace keeps at least one owner");
            }
            all.set(all.indexOf(m), new Membership(workspace, user, role, m.since()));
        }

        @Override
        public void remove(WorkspaceId workspace, UserId user) {
            Membership m = find(workspace, user).orElseThrow(() -> new NotFound("not a member"));
            if (m.role() == Role.OWNER && owners(workspace) == 1) {
                throw new Conflict("a workspace keeps at least one owner");
            }
            all.remove(m);
        }

        private long owners(WorkspaceId workspace) {
            return members(workspace).stream().filter(m -> m.role() == Role.OWNER).count();
        }
    }

    static final class FakeSessions implements Sessions {
        final Map<SessionId, Session> all = new LinkedHashMap<>();

        @Override
        public List<SessionId> create(Session session, int maxActive, Duration idleTimeout) {
            if (maxActive < 1 || session.revokedAt() != null) {
                throw new IllegalArgumentException("bad create");
            }
            if (all.containsKey(session.id()) || all.values().stream().anyMatch(s -> s.tokenHash().equals(session.tokenHash()))) {
                throw new Conflict("session exists");
            }
            List<Session> active = new ArrayList<>(listActive(session.user(), session.createdAt(), idleTimeout));
            List<SessionId> revoked = new ArrayList<>();
            while (active.size() >= maxActive) {
                Session oldest = active.removeFirst();
                revoke(oldest.user(), oldest.id(), session.createdAt());
                revoked.add(oldest.id());
            }
            all.put(session.id(), session);
            return revoked;
        }

        @Override
        public Optional<Session> findByTokenHash(String tokenHash) {
            return all.values().stream().filter(s -> s.tokenHash().equals(tokenHash) && s.revokedAt() == null).findFirst();
        }

        @Override
        public Optional<Session> find(UserId user, SessionId id) {
            return Optional.ofNullable(all.get(id)).filter(s -> s.user().equals(user));
        }

        @Override
        public boolean touch(UserId user, SessionId id, Instant at) {
            Session s = all.get(id);
            if (s == null || !s.user().equals(user) || s.revokedAt() != null) {
                return false;
            }
            Instant seen = at.isAfter(s.lastSeenAt()) ? at : s.lastSeenAt();
            all.put(id, new Session(s.id(), s.user(), s.workspace(), s.tokenHash(), s.createdAt(), seen, s.expiresAt(),
                    null, s.ip(), s.userAgent()));
            return true;
        }

        @Override
        public boolean revoke(UserId user, SessionId id, Instant at) {
            Session s = all.get(id);
            if (s == null || !s.user().equals(user) || s.revokedAt() != null) {
                return false;
            }
            all.put(id, new Session(s.id(), s.user(), s.workspace(), s.tokenHash(), s.createdAt(), s.lastSeenAt(),
                    s.expiresAt(), at, s.ip(), s.userAgent()));
            return true;
        }

        @Override
        public int revokeAll(UserId user, Instant at) {
            int n = 0;
            for (Session s : List.copyOf(all.values())) {
                if (revoke(user, s.id(), at)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int revokeAllExcept(UserId user, SessionId keep, Instant at) {
            int n = 0;
            for (Session s : List.copyOf(all.values())) {
                if (!s.id().equals(keep) && revoke(user, s.id(), at)) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public List<Session> listActive(UserId user, Instant now, Duration idleTimeout) {
            return all.values().stream().filter(s -> s.user().equals(user) && s.isActiveAt(now, idleTimeout))
                    .sorted(Comparator.comparing(Session::createdAt)).toList();
        }

        @Override
        public int countActive(UserId user, Instant now, Duration idleTimeout) {
            return listActive(user, now, idleTimeout).size();
        }

        @Override
        public int purgeEndedBefore(Instant cutoff) {
            return 0;
        }
    }

    static final class FakeTwoFactorSecrets implements TwoFactorSecrets {
        final Map<UserId, TwoFactor> enrollments = new HashMap<>();
        final Map<UserId, Map<String, @Nullable Instant>> codes = new HashMap<>();

        @Override
        public void save(TwoFactor enrollment) {
            enrollments.put(enrollment.user(), enrollment);
            codes.remove(enrollment.user());
        }

        @Override
        public Optional<TwoFactor> find(UserId user) {
            return Optional.ofNullable(enrollments.get(user));
        }

        @Override
        public boolean confirm(UserId user) {
            TwoFactor t = enrollments.get(user);
            if (t == null || t.confirmed()) {
                return false;
            }
            enrollments.put(user, new TwoFactor(user, t.secret(), true, t.lastUsedStep(), t.createdAt()));
            return true;
        }

        @Override
        public boolean remove(UserId user) {
            codes.remove(user);
            return enrollments.remove(user) != null;
        }

        @Override
        public boolean acceptStep(UserId user, long step) {
            TwoFactor t = enrollments.get(user);
            if (t == null || step <= t.lastUsedStep()) {
                return false;
            }
            enrollments.put(user, new TwoFactor(user, t.secret(), t.confirmed(), step, t.createdAt()));
            return true;
        }

        @Override
        public void replaceBackupCodes(UserId user, Collection<String> codeHashes) {
            if (new HashSet<>(codeHashes).size() != codeHashes.size()) {
                throw new IllegalArgumentException("duplicate code");
            }
            Map<String, @Nullable Instant> fresh = new HashMap<>();
            codeHashes.forEach(h -> fresh.put(new BackupCode(user, h, null).codeHash(), null));
            codes.put(user, fresh);
        }

        @Override
        public List<BackupCode> backupCodes(UserId user) {
            return codes.getOrDefault(user, Map.of()).entrySet().stream()
                    .map(e -> new BackupCode(user, e.getKey(), e.getValue())).toList();
        }

        @Override
        public boolean useBackupCode(UserId user, String codeHash, Instant at) {
            Map<String, @Nullable Instant> mine = codes.get(user);
            if (mine == null || !mine.containsKey(codeHash) || mine.get(codeHash) != null) {
                return false;
            }
            mine.put(codeHash, at);
            return true;
        }
    }

    static final class FakeLoginThrottle implements LoginThrottle {
        final List<LoginFailure> failures = new ArrayList<>();
        int reads;

        @Override
        public void recordFailure(LoginFailure failure) {
            failures.add(failure);
        }

        @Override
        public int failuresSince(LoginSubject subject, Instant since) {
            reads++;
            return (int) failures.stream().filter(f -> f.subject().equals(subject) && !f.at().isBefore(since)).count();
        }

        @Override
        public void clear(LoginSubject subject) {
            failures.removeIf(f -> f.subject().equals(subject));
        }

        @Override
        public int forgetBefore(Instant cutoff) {
            return 0;
        }

        long count(LoginSubject subject) {
            return failures.stream().filter(f -> f.subject().equals(subject)).count();
        }
    }

    static final class FakeApiKeys implements ApiKeys {
        final Map<ApiKeyId, ApiKey> all = new LinkedHashMap<>();

        @Override
        public void create(ApiKey key) {
            if (all.putIfAbsent(key.id(), key) != null) {
                throw new Conflict("key exists");
            }
        }

        @Override
        public Optional<ApiKey> findByKeyHash(String keyHash) {
            return all.values().stream().filter(k -> k.keyHash().equals(keyHash) && k.revokedAt() == null).findFirst();
        }

        @Override
        public List<ApiKey> list(WorkspaceId workspace) {
            return all.values().stream().filter(k -> k.workspace().equals(workspace)).toList().reversed();
        }

        @Override
        public boolean revoke(WorkspaceId workspace, ApiKeyId id, Instant at) {
            ApiKey k = all.get(id);
            if (k == null || !k.workspace().equals(workspace) || k.revokedAt() != null) {
                return false;
            }
            all.put(id, new ApiKey(k.id(), k.workspace(), k.user(), k.name(), k.scopes(), k.keyHash(), k.hint(),
                    k.createdAt(), k.expiresAt(), k.lastUsedAt(), at));
            return true;
        }

        @Override
        public void touch(ApiKeyId id, Instant at) {
            ApiKey k = all.get(id);
            if (k != null && (k.lastUsedAt() == null || at.isAfter(k.lastUsedAt()))) {
                all.put(id, new ApiKey(k.id(), k.workspace(), k.user(), k.name(), k.scopes(), k.keyHash(), k.hint(),
                        k.createdAt(), k.expiresAt(), at, k.revokedAt()));
            }
        }
    }

    static final class FakeInvitations implements Invitations {
        final Map<UUID, Invitation> all = new LinkedHashMap<>();

        @Override
        public void create(Invitation invitation) {
            if (all.putIfAbsent(invitation.id(), invitation) != null) {
                throw new Conflict("invitation exists");
            }
        }

        @Override
        public Optional<Invitation> findByTokenHash(String tokenHash) {
            return all.values().stream().filter(i -> i.tokenHash().equals(tokenHash)).findFirst();
        }

        @Override
        public List<Invitation> list(WorkspaceId workspace) {
            return all.values().stream().filter(i -> i.workspace().equals(workspace)).toList().reversed();
        }

        @Override
        public boolean accept(UUID id, Instant at) {
            Invitation i = all.get(id);
            if (i == null || !i.isOpenAt(at)) {
                return false;
            }
            all.put(id, new Invitation(i.id(), i.workspace(), i.email(), i.role(), i.tokenHash(), i.invitedBy(),
                    i.createdAt(), i.expiresAt(), at, null));
            return true;
        }

        @Override
        public boolean revoke(WorkspaceId workspace, UUID id, Instant at) {
            Invitation i = all.get(id);
            if (i == null || !i.workspace().equals(workspace) || !i.isOpenAt(at)) {
                return false;
            }
            all.put(id, new Invitation(i.id(), i.workspace(), i.email(), i.role(), i.tokenHash(), i.invitedBy(),
                    i.createdAt(), i.expiresAt(), null, at));
            return true;
        }
    }

    static final class FakeSetupTokens implements SetupTokens {
        final Map<String, Instant> open = new HashMap<>();

        @Override
        public void create(String tokenHash, Instant createdAt, Instant expiresAt) {
            open.put(tokenHash, expiresAt);
        }

        @Override
        public boolean consume(String tokenHash, Instant at) {
            Instant expiresAt = open.get(tokenHash);
            if (expiresAt == null || !at.isBefore(expiresAt)) {
                return false;
            }
            open.clear();
            return true;
        }
    }

    /**
     * Not a hash at all (tests need speed, not secrecy): {@code $fake$v=<version>$<hex of the password>}. Counts
     * its calls, so a test can see an unknown email still pays a verification.
     */
    static final class FakeHasher implements PasswordHasher {
        int version = 1;
        int hashes;
        int verifies;

        @Override
        public PasswordHash hash(String password) {
            hashes++;
            return new PasswordHash("$fake$v=" + version + "$" + HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public boolean verify(String password, PasswordHash hash) {
            verifies++;
            String encoded = hash.encoded();
            return encoded.substring(encoded.lastIndexOf('$') + 1)
                    .equals(HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return !hash.encoded().startsWith("$fake$v=" + version + "$");
        }
    }

    /** Weak: contains "password", repeats one character, or contains one of the user's inputs. */
    static final class FakeStrength implements PasswordStrength {
        final List<List<String>> inputsSeen = new ArrayList<>();

        @Override
        public Optional<String> weakness(String password, List<String> userInputs) {
            inputsSeen.add(userInputs);
            String lower = password.toLowerCase(Locale.ROOT);
            if (lower.contains("password") || lower.chars().distinct().count() == 1) {
                return Optional.of("this is a very common password");
            }
            if (userInputs.stream().anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)))) {
                return Optional.of("avoid words from your email address");
            }
            return Optional.empty();
        }
    }

    /** "Seals" reversibly, bound to owner and subject; opening with another binding fails closed like the real one. */
    static final class FakeVault implements SecretVault {
        final List<SecretUse> uses = new ArrayList<>();

        @Override
        public SealedSecret seal(String plaintext, SecretBinding binding) {
            return new SealedSecret(binding.owner() + "|" + binding.subject() + "|"
                    + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String open(SealedSecret sealed, SecretBinding binding, SecretUse use) {
            String prefix = binding.owner() + "|" + binding.subject() + "|";
            if (!sealed.envelope().startsWith(prefix)) {
                throw new SecretUnavailable("the secret does not open with this binding");
            }
            uses.add(use);
            return new String(Base64.getDecoder().decode(sealed.envelope().substring(prefix.length())), StandardCharsets.UTF_8);
        }

        @Override
        public SealedSecret reseal(SealedSecret sealed, SecretBinding binding) {
            return sealed;
        }

        @Override
        public boolean isCurrent(SealedSecret sealed) {
            return true;
        }
    }

    static final class FakeAuditLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public void append(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit) {
            return entries.stream().filter(e -> e.workspace().equals(workspace)).toList().reversed();
        }

        List<String> actions() {
            return entries.stream().map(AuditEntry::action).toList();
        }

        Set<String> actionSet() {
            return Set.copyOf(actions());
        }
    }
}
