package dev.bulwark.application.venues;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import dev.bulwark.ports.driving.venues.VenueCommands.CreateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueCommands.ReplaceCredentials;
import dev.bulwark.ports.driving.venues.VenueCommands.SetRiskProfile;
import dev.bulwark.ports.driving.venues.VenueCommands.UpdateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueViews.CredentialUse;
import dev.bulwark.ports.driving.venues.VenueViews.CredentialUses;
import dev.bulwark.ports.driving.venues.VenueViews.RiskProfileView;
import dev.bulwark.ports.driving.venues.VenueViews.VenueAccountView;
import dev.bulwark.ports.driving.venues.VenueViews.VenueInfo;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Venue accounts of the principal's workspace. A key is checked with the venue before anything is stored, so an
 * account that exists has a key the venue accepted and that cannot withdraw; the key is sealed before it is checked
 * (the gateway opens it through the vault like any other use, and that use is audited), and only its hint is ever
 * shown again. Input is checked in full before the second factor is asked for, so a typo never spends a code.
 */
final class VenueAccountService implements ConnectVenues {
    static final int MAX_CREDENTIAL_USES = 200;
    /** The most open positions a risk profile may allow. */
    static final int MAX_OPEN_POSITIONS = 1000;
    /** What a stored limit holds (the stores' NUMERIC(38,18)): more is refused as the field, not failed as a store error. */
    static final int MAX_DECIMALS = 18;
    static final int MAX_WHOLE_DIGITS = 20;
    static final String WITHDRAW_REFUSED =
            "keys that can withdraw are refused: create a key without withdrawal permission";
    /** Why the gateway opens the credentials while they are being checked (the audit entry says it). */
    static final String CHECK_PURPOSE = "credential check";

    static final String CREATED = "venue-account.create";
    static final String UPDATED = "venue-account.update";
    static final String CREDENTIALS_REPLACED = "venue-account.replace-credentials";
    static final String DELETED = "venue-account.delete";
    static final String RISK_PROFILE_SET = "venue-account.risk-profile";

    /** Owns the throw-away accounts the domain's label and URL rules are checked with. */
    private static final WorkspaceId PROBE_WORKSPACE = new WorkspaceId(new UUID(0, 1));

    private final VenueAccounts accounts;
    private final RiskProfiles riskProfiles;
    private final VenueConnector venues;
    private final SecretVault vault;
    private final AuditLog audit;
    private final Transactions transactions;
    private final TimeSource time;
    private final IdGenerator ids;
    private final BiConsumer<Principal, @Nullable String> secondFactor;

    VenueAccountService(VenueAccounts accounts, RiskProfiles riskProfiles, VenueConnector venues, SecretVault vault, AuditLog audit,
                        Transactions transactions, TimeSource time, IdGenerator ids,
                        BiConsumer<Principal, @Nullable String> secondFactor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.riskProfiles = Objects.requireNonNull(riskProfiles, "riskProfiles");
        this.venues = Objects.requireNonNull(venues, "venues");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.secondFactor = Objects.requireNonNull(secondFactor, "secondFactor");
    }

    @Override
    public List<VenueInfo> venues() {
        Map<VenueId, VenueCircuit> circuits = new HashMap<>();
        for (VenueCircuit circuit : venues.circuits()) {
            circuits.putIfAbsent(circuit.venue(), circuit);
        }
        return venues.descriptors().stream()
                .map(d -> new VenueInfo(d.id(), d.displayName(), d.markets(), environmentsOf(d),
                        !d.id().equals(VenueId.PAPER), d.needsPassphrase(), d.nativeOco(), circuits.get(d.id())))
                .toList();
    }

    @Override
    public VenueAccountView create(Principal principal, CreateVenueAccount command) {
        requireManage(principal);
        List<FieldError> errors = new ArrayList<>();
        VenueDescriptor descriptor = descriptorOf(command.venue(), errors);
        String label = label(command.label(), errors);
        Environment environment = command.environment();
        if (environment == null) {
            errors.add(new FieldError("environment", "required"));
        } else if (descriptor != null && !offers(descriptor, environment)) {
            errors.add(new FieldError("environment", descriptor.displayName() + " has no " + environment + " environment"));
        }
        String baseUrl = baseUrl(command.baseUrl(), descriptor, errors);
        VenueCredentials credentials = descriptor == null ? null
                : credentials(descriptor, command.apiKey(), command.apiSecret(), command.passphrase(), errors);
        if (!errors.isEmpty() || descriptor == null || label == null || environment == null) {
            throw new Invalid("the venue account cannot be created", errors);
        }
        VenueAccountId id = new VenueAccountId(ids.newId());
        SealedSecret sealed = credentials == null ? null : seal(credentials, new SecretBinding(principal.workspace(), subjectOf(id)));
        if (credentials != null || environment == Environment.LIVE) {
            secondFactor.accept(principal, command.secondFactor());
        }
        Instant now = time.now();
        VenueAccount account;
        if (descriptor.id().equals(VenueId.PAPER)) {
            account = VenueAccount.paper(id, principal.workspace(), label, now);
        } else {
            Objects.requireNonNull(credentials, "credentials"); // every venue but paper needs them: checked above
            Objects.requireNonNull(sealed, "sealed");
            VenueAccount draft = new VenueAccount(id, principal.workspace(), descriptor.id(), label, environment, baseUrl,
                    EnumSet.of(Permission.READ), true, VenueAccount.hintOf(credentials.apiKey()), sealed,
                    SyncState.never(), now, now);
            account = withPermissions(draft, check(draft), now);
        }
        transactions.inTransaction(() -> {
            accounts.create(account);
            audit.append(entry(principal, CREATED, account.id(), describe(account)));
        });
        return view(account);
    }

    @Override
    public List<VenueAccountView> list(Principal principal) {
        requireRead(principal);
        return accounts.listAll(principal.workspace()).stream().map(VenueAccountService::view).toList();
    }

    @Override
    public VenueAccountView get(Principal principal, VenueAccountId id) {
        requireRead(principal);
        return view(find(principal, id));
    }

    @Override
    public VenueAccountView update(Principal principal, VenueAccountId id, UpdateVenueAccount command) {
        requireManage(principal);
        VenueAccount current = find(principal, id);
        List<FieldError> errors = new ArrayList<>();
        String label = command.label() == null ? current.label() : label(command.label(), errors);
        Environment environment = command.environment() == null ? current.environment() : command.environment();
        if (environment != current.environment()) {
            Optional<VenueDescriptor> descriptor = descriptor(current.venue());
            if (descriptor.isEmpty()) {
                errors.add(new FieldError("environment", "no adapter serves " + current.venue() + " now"));
            } else if (!offers(descriptor.get(), environment)) {
                errors.add(new FieldError("environment",
                        descriptor.get().displayName() + " has no " + environment + " environment"));
            }
        }
        boolean active = command.active() == null ? current.active() : command.active();
        if (!errors.isEmpty() || label == null) {
            throw new Invalid("the venue account cannot be changed", errors);
        }
        Map<String, String> changes = new TreeMap<>();
        if (!label.equals(current.label())) {
            changes.put("label", label);
        }
        if (active != current.active()) {
            changes.put("active", Boolean.toString(active));
        }
        if (environment != current.environment()) {
            changes.put("environment", environment.name());
        }
        if (changes.isEmpty()) {
            return view(current);
        }
        if (environment == Environment.LIVE && current.environment() != Environment.LIVE) {
            secondFactor.accept(principal, command.secondFactor());
        }
        Instant now = notBefore(time.now(), current.createdAt());
        VenueAccount changed = new VenueAccount(current.id(), current.workspace(), current.venue(), label, environment,
                current.baseUrl(), current.permissions(), active, current.apiKeyHint(), current.credentials(),
                current.sync(), current.createdAt(), now);
        transactions.inTransaction(() -> {
            accounts.update(changed);
            audit.append(entry(principal, UPDATED, id, changes));
        });
        return view(changed);
    }

    @Override
    public VenueAccountView replaceCredentials(Principal principal, VenueAccountId id, ReplaceCredentials command) {
        requireManage(principal);
        VenueAccount current = find(principal, id);
        if (current.isPaper()) {
            throw new Invalid("the paper venue takes no API key",
                    List.of(new FieldError("apiKey", "the paper venue takes no API key")));
        }
        VenueDescriptor descriptor = descriptor(current.venue()).orElseThrow(
                () -> new Invalid("no adapter serves " + current.venue() + " now: its credentials cannot be checked"));
        List<FieldError> errors = new ArrayList<>();
        VenueCredentials credentials =
                credentials(descriptor, command.apiKey(), command.apiSecret(), command.passphrase(), errors);
        if (!errors.isEmpty() || credentials == null) {
            throw new Invalid("the credentials cannot be used", errors);
        }
        SealedSecret sealed = seal(credentials, new SecretBinding(current.workspace(), subjectOf(id)));
        secondFactor.accept(principal, command.secondFactor());
        Instant now = notBefore(time.now(), current.createdAt());
        VenueAccount draft = new VenueAccount(current.id(), current.workspace(), current.venue(), current.label(),
                current.environment(), current.baseUrl(), EnumSet.of(Permission.READ), current.active(),
                VenueAccount.hintOf(credentials.apiKey()), sealed, current.sync(), current.createdAt(), now);
        VenueAccount replaced = withPermissions(draft, check(draft), now);
        transactions.inTransaction(() -> {
            accounts.update(replaced);
            audit.append(entry(principal, CREDENTIALS_REPLACED, id, Map.of(
                    "apiKeyHint", Objects.requireNonNull(replaced.apiKeyHint()),
                    "permissions", names(replaced.permissions()))));
        });
        return view(replaced);
    }

    @Override
    public void delete(Principal principal, VenueAccountId id) {
        requireManage(principal);
        VenueAccount current = find(principal, id);
        transactions.inTransaction(() -> {
            if (!accounts.delete(principal.workspace(), id)) {
                throw notFound(id); // deleted by someone else meanwhile
            }
            audit.append(entry(principal, DELETED, id,
                    Map.of("venue", current.venue().value(), "label", current.label())));
        });
    }

    @Override
    public RiskProfileView riskProfile(Principal principal, VenueAccountId id) {
        requireRead(principal);
        find(principal, id);
        return view(id, riskProfiles.find(principal.workspace(), id));
    }

    @Override
    public RiskProfileView setRiskProfile(Principal principal, VenueAccountId id, SetRiskProfile command) {
        requireManage(principal);
        find(principal, id);
        RiskProfile limits = limits(command);
        return transactions.inTransaction(() -> {
            Optional<AccountRiskProfile> current = riskProfiles.find(principal.workspace(), id);
            int stored = current.map(AccountRiskProfile::version).orElse(0);
            if (command.version() != null && command.version() != stored) {
                throw new Conflict("the risk profile is at version " + stored + ", not " + command.version()
                        + ": someone changed it meanwhile; read it again");
            }
            RiskProfile before = current.map(AccountRiskProfile::limits).orElse(RiskProfile.defaults());
            if (current.isPresent() && changes(before, limits).isEmpty()) {
                return view(id, current);
            }
            // to the microsecond, as the stores keep it: the answer is what a read gives back afterwards
            AccountRiskProfile saved = new AccountRiskProfile(id, principal.workspace(), limits, stored + 1,
                    time.now().truncatedTo(ChronoUnit.MICROS));
            riskProfiles.save(saved);
            Map<String, String> changes = new TreeMap<>(changes(before, limits));
            changes.put("version", Integer.toString(saved.version()));
            audit.append(entry(principal, RISK_PROFILE_SET, id, changes));
            return view(id, Optional.of(saved));
        });
    }

    /** The command's limits, each left out taking the default; every out-of-range limit an Invalid field error. */
    private static RiskProfile limits(SetRiskProfile command) {
        RiskProfile defaults = RiskProfile.defaults();
        List<FieldError> errors = new ArrayList<>();
        Set<String> whitelist = new TreeSet<>();
        if (command.symbolWhitelist() != null) {
            if (command.symbolWhitelist().size() > AccountRiskProfile.MAX_SYMBOLS) {
                errors.add(new FieldError("symbolWhitelist", "at most " + AccountRiskProfile.MAX_SYMBOLS + " symbols"));
            }
            for (String symbol : command.symbolWhitelist()) {
                try {
                    // the risk profile's own reading of a symbol: BASE/QUOTE, upper-cased; the market does not matter
                    whitelist.add(Instrument.parse(Objects.requireNonNull(symbol, "symbol").strip(), Market.SPOT).symbol());
                } catch (RuntimeException e) {
                    errors.add(new FieldError("symbolWhitelist", "'" + symbol + "' is not BASE/QUOTE of two different assets"));
                }
            }
        }
        BigDecimal minOrder = positive(command.minOrderSize(), defaults.minOrderSize(), "minOrderSize", errors);
        BigDecimal maxOrder = positive(command.maxOrderSize(), defaults.maxOrderSize(), "maxOrderSize", errors);
        BigDecimal maxValue = positive(command.maxOrderValue(), defaults.maxOrderValue(), "maxOrderValue", errors);
        BigDecimal maxPosition = positive(command.maxPositionValue(), defaults.maxPositionValue(), "maxPositionValue", errors);
        BigDecimal share = share(command.maxPositionShare(), defaults.maxPositionShare(), "maxPositionShare", errors);
        BigDecimal leverage = positive(command.maxLeverage(), defaults.maxLeverage(), "maxLeverage", errors);
        if (leverage.signum() > 0 && leverage.compareTo(BigDecimal.ONE) < 0) {
            errors.add(new FieldError("maxLeverage", "at least 1 (no leverage)"));
        }
        BigDecimal risk = share(command.maxRiskPerTrade(), defaults.maxRiskPerTrade(), "maxRiskPerTrade", errors);
        BigDecimal dailyLoss = share(command.maxDailyLoss(), defaults.maxDailyLoss(), "maxDailyLoss", errors);
        int open = command.maxOpenPositions() == null ? defaults.maxOpenPositions() : command.maxOpenPositions();
        if (open < 1 || open > MAX_OPEN_POSITIONS) {
            errors.add(new FieldError("maxOpenPositions", "1 to " + MAX_OPEN_POSITIONS));
        }
        if (minOrder.signum() > 0 && maxOrder.signum() > 0 && minOrder.compareTo(maxOrder) > 0) {
            errors.add(new FieldError("minOrderSize", "at most maxOrderSize (" + maxOrder.toPlainString() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid("the risk profile cannot be set", errors);
        }
        return new RiskProfile(whitelist, minOrder, maxOrder, maxValue, maxPosition, share, leverage, risk, dailyLoss, open);
    }

    private static BigDecimal positive(@Nullable BigDecimal given, BigDecimal fallback, String field, List<FieldError> errors) {
        if (given == null) {
            return fallback;
        }
        if (given.signum() <= 0) {
            errors.add(new FieldError(field, "above 0"));
        } else if (given.stripTrailingZeros().scale() > MAX_DECIMALS || given.precision() - given.scale() > MAX_WHOLE_DIGITS) {
            errors.add(new FieldError(field, "at most " + MAX_WHOLE_DIGITS + " whole digits and " + MAX_DECIMALS + " decimals"));
        }
        return given;
    }

    private static BigDecimal share(@Nullable BigDecimal given, BigDecimal fallback, String field, List<FieldError> errors) {
        BigDecimal value = positive(given, fallback, field, errors);
        if (value.compareTo(BigDecimal.ONE) > 0) {
            errors.add(new FieldError(field, "a share of equity: above 0 and at most 1"));
        }
        return value;
    }

    /** Each limit that differs, by name, with its new value. */
    private static Map<String, String> changes(RiskProfile before, RiskProfile after) {
        Map<String, String> changes = new TreeMap<>();
        changed(changes, "symbolWhitelist", String.join(",", before.symbolWhitelist()), String.join(",", after.symbolWhitelist()));
        changed(changes, "minOrderSize", before.minOrderSize(), after.minOrderSize());
        changed(changes, "maxOrderSize", before.maxOrderSize(), after.maxOrderSize());
        changed(changes, "maxOrderValue", before.maxOrderValue(), after.maxOrderValue());
        changed(changes, "maxPositionValue", before.maxPositionValue(), after.maxPositionValue());
        changed(changes, "maxPositionShare", before.maxPositionShare(), after.maxPositionShare());
        changed(changes, "maxLeverage", before.maxLeverage(), after.maxLeverage());
        changed(changes, "maxRiskPerTrade", before.maxRiskPerTrade(), after.maxRiskPerTrade());
        changed(changes, "maxDailyLoss", before.maxDailyLoss(), after.maxDailyLoss());
        changed(changes, "maxOpenPositions", Integer.toString(before.maxOpenPositions()), Integer.toString(after.maxOpenPositions()));
        return changes;
    }

    private static void changed(Map<String, String> changes, String name, BigDecimal before, BigDecimal after) {
        if (before.compareTo(after) != 0) {
            changes.put(name, after.toPlainString());
        }
    }

    private static void changed(Map<String, String> changes, String name, String before, String after) {
        if (!before.equals(after)) {
            changes.put(name, after);
        }
    }

    private static RiskProfileView view(VenueAccountId id, Optional<AccountRiskProfile> stored) {
        RiskProfile limits = stored.map(AccountRiskProfile::limits).orElse(RiskProfile.defaults());
        return new RiskProfileView(id, stored.isPresent(), stored.map(AccountRiskProfile::version).orElse(0),
                limits.symbolWhitelist(), limits.minOrderSize(), limits.maxOrderSize(), limits.maxOrderValue(),
                limits.maxPositionValue(), limits.maxPositionShare(), limits.maxLeverage(), limits.maxRiskPerTrade(),
                limits.maxDailyLoss(), limits.maxOpenPositions(), stored.map(AccountRiskProfile::updatedAt).orElse(null));
    }

    @Override
    public CredentialUses credentialUses(Principal principal, VenueAccountId id, @Nullable Instant before, int limit) {
        requireRead(principal);
        if (limit < 1 || limit > MAX_CREDENTIAL_USES) {
            throw new Invalid("limit is 1 to " + MAX_CREDENTIAL_USES,
                    List.of(new FieldError("limit", "1 to " + MAX_CREDENTIAL_USES)));
        }
        find(principal, id);
        return new CredentialUses(audit.list(principal.workspace(), subjectOf(id), before, limit).stream()
                .map(e -> new CredentialUse(e.at(), e.actor(), e.action(), e.correlationId(), e.details()))
                .toList());
    }

    /**
     * Asks the venue about the draft's key and answers what it may do: a key the venue refuses, or one that could
     * withdraw, is refused as the {@code apiKey} field. The gateway is closed whatever happens.
     */
    private Set<Permission> check(VenueAccount draft) {
        CredentialCheck check;
        try (VenueGateway gateway = venues.connect(draft, CHECK_PURPOSE)) {
            check = gateway.checkCredentials();
        } catch (Unauthorized refused) {
            throw new Invalid("the venue refused the API key", List.of(new FieldError("apiKey",
                    Objects.requireNonNullElse(refused.getMessage(), "the venue refused the key"))));
        }
        if (!check.valid()) {
            throw new Invalid("the venue refused the API key",
                    List.of(new FieldError("apiKey", Objects.requireNonNull(check.problem()))));
        }
        if (check.canWithdraw()) {
            throw new Invalid(WITHDRAW_REFUSED, List.of(new FieldError("apiKey", WITHDRAW_REFUSED)));
        }
        return check.permissions();
    }

    private SealedSecret seal(VenueCredentials credentials, SecretBinding binding) {
        try {
            return vault.seal(credentials.encoded(), binding);
        } catch (Invalid tooLong) {
            // the vault's limit is in bytes of the sealed text: the secret (a PEM key) is what makes it long
            throw new Invalid("the credentials are too long to be stored",
                    List.of(new FieldError("apiSecret", "too long to be stored sealed")));
        }
    }

    /**
     * The credentials the command gives, checked against what the venue needs; null (with the errors added) when
     * they are wrong, and for the paper venue, which takes none. No message quotes a value.
     */
    private static @Nullable VenueCredentials credentials(VenueDescriptor descriptor, @Nullable String apiKey,
                                                          @Nullable String apiSecret, @Nullable String passphrase,
                                                          List<FieldError> errors) {
        if (descriptor.id().equals(VenueId.PAPER)) {
            for (var given : List.of(Map.entry("apiKey", Optional.ofNullable(apiKey)),
                    Map.entry("apiSecret", Optional.ofNullable(apiSecret)),
                    Map.entry("passphrase", Optional.ofNullable(passphrase)))) {
                if (given.getValue().isPresent()) {
                    errors.add(new FieldError(given.getKey(), "the paper venue takes no API key"));
                }
            }
            return null;
        }
        int before = errors.size();
        String venue = descriptor.displayName();
        String key = apiKey == null ? "" : apiKey.strip();
        if (key.isEmpty()) {
            errors.add(new FieldError("apiKey", "required by " + venue));
        } else if (key.length() > VenueCredentials.MAX_API_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            errors.add(new FieldError("apiKey", "1 to " + VenueCredentials.MAX_API_KEY
                    + " printable ASCII characters without spaces"));
        }
        if (apiSecret == null || apiSecret.isBlank()) {
            errors.add(new FieldError("apiSecret", "required by " + venue));
        } else if (apiSecret.length() > VenueCredentials.MAX_SECRET) {
            errors.add(new FieldError("apiSecret", "at most " + VenueCredentials.MAX_SECRET + " characters"));
        }
        String phrase = passphrase == null || passphrase.isBlank() ? null : passphrase;
        if (descriptor.needsPassphrase()) {
            if (phrase == null) {
                errors.add(new FieldError("passphrase", "required by " + venue));
            } else if (phrase.length() > VenueCredentials.MAX_PASSPHRASE
                    || phrase.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("passphrase", "1 to " + VenueCredentials.MAX_PASSPHRASE
                        + " characters without control characters"));
            }
        } else if (phrase != null) {
            errors.add(new FieldError("passphrase", venue + " keys have no passphrase"));
        }
        if (errors.size() > before || apiSecret == null) {
            return null;
        }
        return new VenueCredentials(key, apiSecret, phrase);
    }

    private @Nullable VenueDescriptor descriptorOf(@Nullable String venue, List<FieldError> errors) {
        if (venue == null || venue.isBlank()) {
            errors.add(new FieldError("venue", "required"));
            return null;
        }
        VenueId id;
        try {
            id = new VenueId(venue.strip());
        } catch (IllegalArgumentException notAnId) {
            errors.add(new FieldError("venue", "no such venue"));
            return null;
        }
        Optional<VenueDescriptor> descriptor = descriptor(id);
        if (descriptor.isEmpty()) {
            errors.add(new FieldError("venue", "no such venue"));
            return null;
        }
        return descriptor.get();
    }

    private Optional<VenueDescriptor> descriptor(VenueId id) {
        return venues.descriptors().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The label, stripped and checked by the domain's rule; null (with the error added) when it breaks it. */
    private static @Nullable String label(@Nullable String label, List<FieldError> errors) {
        if (label == null || label.isBlank()) {
            errors.add(new FieldError("label", "required"));
            return null;
        }
        String stripped = label.strip();
        try {
            // the domain holds the rule: any account with this label will do to check it
            VenueAccount.paper(new VenueAccountId(new UUID(0, 1)), PROBE_WORKSPACE, stripped, Instant.EPOCH);
            return stripped;
        } catch (IllegalArgumentException wrong) {
            errors.add(new FieldError("label", "1 to " + VenueAccount.MAX_LABEL_LENGTH
                    + " characters, without control characters"));
            return null;
        }
    }

    private static @Nullable String baseUrl(@Nullable String baseUrl, @Nullable VenueDescriptor descriptor,
                                            List<FieldError> errors) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        String url = baseUrl.strip();
        if (descriptor != null && descriptor.id().equals(VenueId.PAPER)) {
            errors.add(new FieldError("baseUrl", "the paper venue has no endpoint"));
            return null;
        }
        try {
            new VenueAccount(new VenueAccountId(new UUID(0, 1)), PROBE_WORKSPACE, new VenueId("probe"), "probe",
                    Environment.PAPER, url, Set.of(Permission.READ), true, null, null, SyncState.never(),
                    Instant.EPOCH, Instant.EPOCH);
            return url;
        } catch (IllegalArgumentException wrong) {
            errors.add(new FieldError("baseUrl", "an https URL of at most " + VenueAccount.MAX_BASE_URL_LENGTH
                    + " characters, without user info, query or fragment"));
            return null;
        }
    }

    /** What a user may choose for an account of this venue, as {@link Environment} names. */
    private static Set<String> environmentsOf(VenueDescriptor descriptor) {
        Set<String> names = new LinkedHashSet<>();
        for (Environment environment : Environment.values()) {
            if (offers(descriptor, environment)) {
                names.add(environment.name());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether an account of the venue can be in {@code environment}: the endpoint it maps to (as the connector maps
     * it: the paper venue simulates, another venue's PAPER is its testnet) is one the venue offers.
     */
    private static boolean offers(VenueDescriptor descriptor, Environment environment) {
        VenueEnvironment endpoint = switch (environment) {
            case LIVE -> VenueEnvironment.LIVE;
            case PAPER -> descriptor.id().equals(VenueId.PAPER) ? VenueEnvironment.PAPER : VenueEnvironment.TESTNET;
        };
        return descriptor.environments().contains(endpoint);
    }

    private VenueAccount find(Principal principal, VenueAccountId id) {
        return accounts.find(principal.workspace(), id).orElseThrow(() -> notFound(id));
    }

    private static NotFound notFound(VenueAccountId id) {
        return new NotFound("venue account " + id + " not found");
    }

    private static void requireRead(Principal principal) {
        if (!principal.canRead()) {
            throw new Forbidden("reading venue accounts needs the READ scope");
        }
    }

    private static void requireManage(Principal principal) {
        if (!principal.canManage()) {
            throw new Forbidden("only an owner signed in as a person manages venue accounts");
        }
    }

    private static VenueAccount withPermissions(VenueAccount draft, Set<Permission> permissions, Instant now) {
        return new VenueAccount(draft.id(), draft.workspace(), draft.venue(), draft.label(), draft.environment(),
                draft.baseUrl(), permissions, draft.active(), draft.apiKeyHint(), draft.credentials(), draft.sync(),
                draft.createdAt(), now);
    }

    /** An entry of what the principal did to the account, timed when it is written (after the venue answered). */
    private AuditEntry entry(Principal principal, String action, VenueAccountId id, Map<String, String> details) {
        return new AuditEntry(ids.newId(), principal.workspace(), principal.actor(), action, subjectOf(id), null, null,
                null, time.now(), details);
    }

    private static Map<String, String> describe(VenueAccount account) {
        Map<String, String> details = new TreeMap<>();
        details.put("venue", account.venue().value());
        details.put("label", account.label());
        details.put("environment", account.environment().name());
        details.put("permissions", names(account.permissions()));
        if (account.apiKeyHint() != null) {
            details.put("apiKeyHint", account.apiKeyHint());
        }
        return details;
    }

    private static String names(Set<Permission> permissions) {
        return EnumSet.copyOf(permissions).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The subject the credentials are sealed to, and the audit target of everything done to the account. */
    static String subjectOf(VenueAccountId id) {
        return "venue-account:" + id;
    }

    private static Instant notBefore(Instant now, Instant earliest) {
        return now.isBefore(earliest) ? earliest : now;
    }

    static VenueAccountView view(VenueAccount account) {
        return new VenueAccountView(account.id(), account.venue(), account.label(), account.environment(),
                account.baseUrl(), account.permissions(), account.active(), account.apiKeyHint(), account.sync(),
                account.createdAt(), account.updatedAt());
    }
}
