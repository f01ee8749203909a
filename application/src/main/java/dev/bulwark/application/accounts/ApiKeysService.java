package dev.bulwark.application.accounts;

import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.ports.driven.accounts.ApiKeys;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyView;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API keys of a workspace. Only a person signed in manages keys (a key cannot make or revoke keys); any member
 * makes and revokes their own, an owner sees and revokes everyone's. A key carries READ and/or TRADE, never
 * MANAGE: settings changes need a person and a second factor.
 */
final class ApiKeysService implements ManageApiKeys {
    private final ApiKeys keys;
    private final Transactions transactions;
    private final TimeSource time;
    private final IdGenerator ids;
    private final Tokens tokens;
    private final Audit audit;

    ApiKeysService(ApiKeys keys, Transactions transactions, SecureTokens random, AuditLog auditLog, TimeSource time,
                   IdGenerator ids) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.tokens = new Tokens(random);
        this.audit = new Audit(auditLog, ids);
    }

    @Override
    public ApiKeyCreated create(Principal principal, CreateApiKey command) {
        Principal p = Checks.person(principal);
        CreateApiKey c = Checks.command(command);
        Instant now = time.now();
        Checks fields = Checks.fields();
        if (fields.required(c.name(), "name")) {
            String name = Objects.requireNonNull(c.name()).strip();
            fields.check(name.length() <= ApiKey.MAX_NAME_LENGTH, "name", "is at most " + ApiKey.MAX_NAME_LENGTH + " characters");
            fields.check(name.chars().noneMatch(Character::isISOControl), "name", "has no control characters");
        }
        Set<Scope> scopes = c.scopes();
        if (fields.check(scopes != null && !scopes.isEmpty() && scopes.stream().noneMatch(Objects::isNull), "scopes", "names at least one scope")) {
            fields.check(!scopes.contains(Scope.MANAGE), "scopes",
                    "an API key has READ and/or TRADE only: settings changes need a person signed in");
        }
        fields.check(c.expiresAt() == null || c.expiresAt().isAfter(now), "expiresAt", "is in the future");
        fields.orThrow();
        String key = tokens.newToken(AccountPolicy.API_KEY_PREFIX);
        ApiKey apiKey = new ApiKey(new ApiKeyId(ids.newId()), p.workspace(), p.user(), Objects.requireNonNull(c.name()),
                EnumSet.copyOf(Objects.requireNonNull(scopes)), Tokens.sha256Hex(key), hint(key), now, c.expiresAt(), null, null);
        transactions.inTransaction(() -> {
            keys.create(apiKey);
            audit.record(p.workspace(), p.actor(), "api-key.create", "api-key:" + apiKey.id(), now,
                    Map.of("name", apiKey.name(), "scopes", scopeNames(apiKey.scopes())));
        });
        return new ApiKeyCreated(view(apiKey), key);
    }

    @Override
    public List<ApiKeyView> list(Principal principal) {
        Principal p = Checks.person(principal);
        return keys.list(p.workspace()).stream()
                .filter(k -> p.canManage() || k.user().equals(p.user()))
                .map(ApiKeysService::view)
                .toList();
    }

    @Override
    public void revoke(Principal principal, ApiKeyId id) {
        Principal p = Checks.person(principal);
        if (id == null) {
            throw new NotFound("API key not found");
        }
        ApiKey key = keys.list(p.workspace()).stream()
                .filter(k -> k.id().equals(id) && k.revokedAt() == null)
                .findFirst()
                .orElseThrow(() -> new NotFound("API key " + id + " not found"));
        if (!key.user().equals(p.user()) && !p.canManage()) {
            throw new Forbidden("only an owner of the workspace can revoke another member's API key");
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            if (!keys.revoke(p.workspace(), id, now)) {
                throw new NotFound("API key " + id + " not found");
            }
            audit.record(p.workspace(), p.actor(), "api-key.revoke", "api-key:" + id, now, Map.of("name", key.name()));
        });
    }

    /** The prefix, 4 characters and the last 3: enough to tell keys apart, far too little to guess one (~196 bits left). */
    static String hint(String key) {
        int start = AccountPolicy.API_KEY_PREFIX.length();
        return key.substring(0, start + 4) + "…" + key.substring(key.length() - 3);
    }

    private static String scopeNames(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::name).collect(Collectors.joining(","));
    }

    static ApiKeyView view(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.scopes(), key.hint(), key.createdAt(), key.expiresAt(),
                key.lastUsedAt(), key.revokedAt());
    }
}
