package dev.bulwark.application.venues;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.SecretUnavailable;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Small in-memory driven ports for the venue accounts use case: each as strict as its port's contract says. */
final class VenueFakes {
    private VenueFakes() {
    }

    /** Runs work as one transaction: what the stores did is undone when it throws. */
    static final class MemoryTransactions implements Transactions {
        private final MemoryVenueAccounts accounts;
        private final MemoryAuditLog audit;
        /** Rolled back with the rest, when set. */
        @Nullable MemoryRiskProfiles profiles;
        private int depth;

        MemoryTransactions(MemoryVenueAccounts accounts, MemoryAuditLog audit) {
            this.accounts = accounts;
            this.audit = audit;
        }

        boolean open() {
            return depth > 0;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (depth > 0) {
                return work.get();
            }
            Map<VenueAccountId, VenueAccount> savedAccounts = new LinkedHashMap<>(accounts.rows);
            List<AuditEntry> savedAudit = new ArrayList<>(audit.entries);
            Map<VenueAccountId, AccountRiskProfile> savedProfiles = profiles == null ? Map.of() : new LinkedHashMap<>(profiles.rows);
            depth++;
            try {
                return work.get();
            } catch (RuntimeException e) {
                accounts.rows.clear();
                accounts.rows.putAll(savedAccounts);
                audit.entries.clear();
                audit.entries.addAll(savedAudit);
                if (profiles != null) {
                    profiles.rows.clear();
                    profiles.rows.putAll(savedProfiles);
                }
                throw e;
            } finally {
                depth--;
            }
        }
    }

    static final class MemoryVenueAccounts implements VenueAccounts {
        final Map<VenueAccountId, VenueAccount> rows = new LinkedHashMap<>();
        /** Accounts with orders or positions: they cannot be deleted. */
        final Set<VenueAccountId> withHistory = new HashSet<>();
        /** Whether every write happened inside a transaction. */
        boolean wroteOutsideTransaction;
        @Nullable MemoryTransactions transactions;

        void written() {
            if (transactions == null || !transactions.open()) {
                wroteOutsideTransaction = true;
            }
        }

        @Override
        public void create(VenueAccount account) {
            written();
            if (rows.containsKey(account.id())) {
                throw new Conflict("id exists");
            }
            requireFreeLabel(account);
            rows.put(account.id(), account);
        }

        private void requireFreeLabel(VenueAccount account) {
            for (VenueAccount other : rows.values()) {
                if (other.workspace().equals(account.workspace()) && !other.id().equals(account.id())
                        && other.label().equalsIgnoreCase(account.label())) {
                    throw new Conflict("the workspace has an account labelled " + account.label());
                }
            }
        }

        @Override
        public Optional<VenueAccount> find(WorkspaceId workspace, VenueAccountId id) {
            return Optional.ofNullable(rows.get(id)).filter(a -> a.workspace().equals(workspace));
        }

        @Override
        public List<VenueAccount> listActive(WorkspaceId workspace) {
            return listAll(workspace).stream().filter(VenueAccount::active).toList();
        }

        @Override
        public List<VenueAccount> listAll(WorkspaceId workspace) {
            return rows.values().stream().filter(a -> a.workspace().equals(workspace))
                    .sorted(Comparator.comparing(a -> a.label().toLowerCase(java.util.Locale.ROOT))).toList();
        }

        @Override
        public List<WorkspaceId> workspacesWithActiveAccounts() {
            return rows.values().stream().filter(VenueAccount::active).map(VenueAccount::workspace).distinct().toList();
        }

        @Override
        public void update(VenueAccount account) {
            written();
            VenueAccount current = find(account.workspace(), account.id()).orElseThrow(() -> new NotFound("no account"));
            requireFreeLabel(account);
            rows.put(account.id(), new VenueAccount(account.id(), account.workspace(), current.venue(), account.label(),
                    account.environment(), account.baseUrl(), account.permissions(), account.active(),
                    account.apiKeyHint(), account.credentials(), current.sync(), current.createdAt(), account.updatedAt()));
        }

        @Override
        public void recordSync(WorkspaceId workspace, VenueAccountId id, SyncState sync) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean delete(WorkspaceId workspace, VenueAccountId id) {
            written();
            if (find(workspace, id).isEmpty()) {
                return false;
            }
            if (withHistory.contains(id)) {
                throw new Conflict("the account has trading history: deactivate it instead");
            }
            rows.remove(id);
            return true;
        }
    }

    /** Risk profiles with the port's rules: versions one after the other, scoped by the accounts' workspaces. */
    static final class MemoryRiskProfiles implements RiskProfiles {
        final Map<VenueAccountId, AccountRiskProfile> rows = new LinkedHashMap<>();
        private final MemoryVenueAccounts accounts;

        MemoryRiskProfiles(MemoryVenueAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public Optional<AccountRiskProfile> find(WorkspaceId workspace, VenueAccountId account) {
            return Optional.ofNullable(rows.get(account)).filter(p -> p.workspace().equals(workspace));
        }

        @Override
        public void save(AccountRiskProfile profile) {
            accounts.written();
            if (accounts.find(profile.workspace(), profile.account()).isEmpty()) {
                throw new NotFound("no such venue account");
            }
            int stored = Optional.ofNullable(rows.get(profile.account())).map(AccountRiskProfile::version).orElse(0);
            if (stored != profile.version() - 1) {
                throw new Conflict("the stored version is " + stored);
            }
            rows.put(profile.account(), profile);
        }
    }

    static final class MemoryAuditLog implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public void append(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit) {
            return entries.stream().filter(e -> e.workspace().equals(workspace))
                    .filter(e -> target == null || e.target().equals(target))
                    .filter(e -> before == null || e.at().isBefore(before))
                    .sorted(Comparator.comparing(AuditEntry::at).reversed())
                    .limit(limit).toList();
        }

        List<AuditEntry> actions(String action) {
            return entries.stream().filter(e -> e.action().equals(action)).toList();
        }
    }

    /** Seals by keeping the plaintext aside; opening checks the binding and audits, like the real vault. */
    static final class MemoryVault implements SecretVault {
        private final Map<String, Map.Entry<String, SecretBinding>> sealed = new LinkedHashMap<>();
        private final MemoryAuditLog audit;
        private final Supplier<Instant> time;
        private final AtomicInteger next = new AtomicInteger();
        int maxBytes = 2_893;

        MemoryVault(MemoryAuditLog audit, Supplier<Instant> time) {
            this.audit = audit;
            this.time = time;
        }

        @Override
        public SealedSecret seal(String plaintext, SecretBinding binding) {
            if (plaintext.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw new Invalid("a secret is at most " + maxBytes + " bytes");
            }
            String envelope = "envelope-" + next.incrementAndGet();
            sealed.put(envelope, Map.entry(plaintext, binding));
            return new SealedSecret(envelope);
        }

        @Override
        public String open(SealedSecret secret, SecretBinding binding, SecretUse use) {
            Map.Entry<String, SecretBinding> entry = sealed.get(secret.envelope());
            if (entry == null || !entry.getValue().equals(binding)) {
                throw new SecretUnavailable("the secret does not open");
            }
            audit.append(new AuditEntry(UUID.randomUUID(), binding.owner(), use.actor(), "secret.open", binding.subject(),
                    use.correlationId(), null, null, time.get(), Map.of("purpose", use.purpose())));
            return entry.getKey();
        }

        @Override
        public SealedSecret reseal(SealedSecret secret, SecretBinding binding) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean isCurrent(SealedSecret secret) {
            return true;
        }

        /** What was sealed under this envelope, and to what. */
        Map.Entry<String, SecretBinding> sealedAs(SealedSecret secret) {
            return sealed.get(secret.envelope());
        }
    }

    /**
     * Venues whose gateways answer the credential check with what {@link #answer} says (or throw it), after opening
     * the account's credentials through the vault like the real connector.
     */
    static final class FakeConnector implements VenueConnector {
        final List<VenueDescriptor> descriptors;
        final List<VenueCircuit> circuits;
        private final SecretVault vault;
        Function<VenueCredentials, CredentialCheck> answer = c -> CredentialCheck.valid(Set.of(
                dev.bulwark.domain.venues.Permission.READ, dev.bulwark.domain.venues.Permission.TRADE));
        @Nullable RuntimeException failToConnect;
        final List<VenueCredentials> checked = new ArrayList<>();
        final List<String> purposes = new ArrayList<>();
        int connected;
        int closed;

        FakeConnector(List<VenueDescriptor> descriptors, List<VenueCircuit> circuits, SecretVault vault) {
            this.descriptors = descriptors;
            this.circuits = circuits;
            this.vault = vault;
        }

        @Override
        public List<VenueDescriptor> descriptors() {
            return descriptors;
        }

        @Override
        public List<VenueCircuit> circuits() {
            return circuits;
        }

        @Override
        public VenueGateway connect(VenueAccount account, String purpose) {
            if (descriptors.stream().noneMatch(d -> d.id().equals(account.venue()))) {
                throw new NotFound("no venue adapter for " + account.venue());
            }
            if (failToConnect != null) {
                throw failToConnect;
            }
            VenueCredentials credentials = account.credentials() == null ? null : VenueCredentials.decode(vault.open(
                    account.credentials(), new SecretBinding(account.workspace(), "venue-account:" + account.id()),
                    new SecretUse("system", purpose, null)));
            purposes.add(purpose);
            connected++;
            return (VenueGateway) Proxy.newProxyInstance(VenueGateway.class.getClassLoader(),
                    new Class<?>[] {VenueGateway.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "checkCredentials" -> {
                            if (credentials == null) {
                                throw new AssertionError("checked a gateway without credentials");
                            }
                            checked.add(credentials);
                            yield answer.apply(credentials);
                        }
                        case "close" -> {
                            closed++;
                            yield null;
                        }
                        case "toString" -> "FakeGateway";
                        default -> throw new AssertionError(method.getName() + " was not expected");
                    });
        }
    }

    static VenueCircuit circuit(VenueId venue, VenueCircuit.State state) {
        return new VenueCircuit(venue, state, state == VenueCircuit.State.OPEN ? 5 : 0);
    }
}
