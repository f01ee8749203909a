package dev.bulwark.application.accounts;

import static dev.bulwark.application.accounts.AccountPolicy.API_KEY_PREFIX;
import static dev.bulwark.application.accounts.AccountPolicy.MAX_PASSWORD_LENGTH;
import static dev.bulwark.application.accounts.AccountPolicy.MAX_SESSIONS;
import static dev.bulwark.application.accounts.AccountPolicy.MIN_PASSWORD_LENGTH;
import static dev.bulwark.application.accounts.AccountPolicy.SESSION_IDLE;
import static dev.bulwark.application.accounts.AccountPolicy.SESSION_LIFETIME;
import static dev.bulwark.application.accounts.AccountPolicy.SESSION_PREFIX;

import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.LoginSubject;
import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.ApiKeys;
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
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangePassword;
import dev.bulwark.ports.driving.accounts.AccountCommands.ConfirmTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.EnrollTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.Login;
import dev.bulwark.ports.driving.accounts.AccountCommands.Register;
import dev.bulwark.ports.driving.accounts.AccountCommands.SecondFactor;
import dev.bulwark.ports.driving.accounts.AccountViews.BackupCodes;
import dev.bulwark.ports.driving.accounts.AccountViews.Me;
import dev.bulwark.ports.driving.accounts.AccountViews.Registered;
import dev.bulwark.ports.driving.accounts.AccountViews.SessionView;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.TwoFactorEnrollment;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Registering, signing in, sessions and two-factor. Secrets (passwords, tokens, codes) never reach an exception,
 * an audit entry or a view other than the one that creates them.
 *
 * <p>Failed sign-ins are recorded outside any transaction: a refusal throws, and a rollback must not take the
 * count with it.
 */
final class AccountsService implements ManageAccounts {
    static final String WRONG_CREDENTIALS = "wrong email or password";
    static final String BAD_TOKEN = "the token is unknown, revoked or expired";
    static final String WRONG_SECOND_FACTOR = "wrong or used second factor";
    static final String SECOND_FACTOR_MISSING = "a second factor (an authenticator code or a backup code) is required";
    static final String TWO_FACTOR_NEEDED = "two-factor authentication must be enabled for this";
    static final String WRONG_PASSWORD = "wrong password";
    static final Set<Scope> PERSON_SCOPES = Set.copyOf(EnumSet.allOf(Scope.class));

    private final Users users;
    private final Memberships memberships;
    private final Sessions sessions;
    private final TwoFactorSecrets twoFactor;
    private final ApiKeys apiKeys;
    private final SetupTokens setupTokens;
    private final Workspaces workspaces;
    private final Transactions transactions;
    private final PasswordHasher hasher;
    private final PasswordStrength strength;
    private final SecretVault vault;
    private final TimeSource time;
    private final IdGenerator ids;
    private final Tokens tokens;
    private final Lockout lockout;
    private final SecondFactors factors;
    private final Audit audit;

    /** A hash of nothing anyone knows: an unknown email is checked against it so it costs what a known one does. */
    private volatile @Nullable PasswordHash dummy;

    AccountsService(Users users, Memberships memberships, Sessions sessions, TwoFactorSecrets twoFactor,
                    LoginThrottle throttle, ApiKeys apiKeys, SetupTokens setupTokens, Workspaces workspaces,
                    Transactions transactions, PasswordHasher hasher, PasswordStrength strength, SecureTokens random,
                    SecretVault vault, AuditLog auditLog, TimeSource time, IdGenerator ids) {
        this.users = Objects.requireNonNull(users, "users");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.twoFactor = Objects.requireNonNull(twoFactor, "twoFactor");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.setupTokens = Objects.requireNonNull(setupTokens, "setupTokens");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.strength = Objects.requireNonNull(strength, "strength");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.tokens = new Tokens(random);
        this.lockout = new Lockout(throttle);
        this.factors = new SecondFactors(twoFactor, vault, tokens);
        this.audit = new Audit(auditLog, ids);
    }

    // ---------------------------------------------------------------- registration

    @Override
    public Registered register(Register command) {
        Register c = Checks.command(command);
        Checks fields = Checks.fields();
        String email = null;
        if (fields.required(c.email(), "email")) {
            email = normalizedEmail(c.email());
            fields.check(email != null, "email", "is not an email address");
        }
        checkNewPassword(fields, c.password(), "password", email);
        boolean firstUser = !users.any();
        if (firstUser) {
            fields.check(c.setupToken() != null && !c.setupToken().isBlank(), "setupToken",
                    "the first account needs the setup link printed at start");
        }
        fields.orThrow();
        String mail = Objects.requireNonNull(email);
        if (users.findByEmail(mail).isPresent()) {
            throw new Conflict("an account with this email exists already");
        }
        PasswordHash hash = hasher.hash(Objects.requireNonNull(c.password()));
        Instant now = time.now();
        return transactions.inTransaction(() -> {
            if (firstUser && !setupTokens.consume(Tokens.sha256Hex(Objects.requireNonNull(c.setupToken()).strip()), now)) {
                throw new Invalid("the request has invalid fields",
                        List.of(new Invalid.FieldError("setupToken", "the setup link is unknown, used or expired")));
            }
            Workspace personal = new Workspace(new WorkspaceId(ids.newId()), "Personal", Workspace.Kind.PERSONAL, now);
            User user = new User(new UserId(ids.newId()), mail, hash, personal.id(), now, now);
            workspaces.create(personal);
            users.create(user);
            memberships.add(new Membership(personal.id(), user.id(), Role.OWNER, now));
            audit.record(personal.id(), actor(user.id()), "account.register", target(user.id()), now,
                    Map.of("firstUser", Boolean.toString(firstUser)));
            return new Registered(user.id(), personal.id());
        });
    }

    @Override
    public Optional<String> setupToken() {
        if (users.any()) {
            return Optional.empty();
        }
        Instant now = time.now();
        String token = tokens.newToken("");
        setupTokens.create(Tokens.sha256Hex(token), now, now.plus(AccountPolicy.SETUP_TOKEN_LIFETIME));
        return Optional.of(token);
    }

    // ---------------------------------------------------------------- signing in

    @Override
    public SignIn login(Login command) {
        Login c = Checks.command(command);
        Checks fields = Checks.fields();
        fields.required(c.email(), "email");
        fields.check(c.password() != null, "password", "is required");
        fields.check(c.password() == null || c.password().length() <= MAX_PASSWORD_LENGTH, "password",
                "is at most " + MAX_PASSWORD_LENGTH + " characters");
        LoginSubject account = null;
        if (c.email() != null && !c.email().isBlank()) {
            account = accountSubject(c.email());
            fields.check(account != null, "email", "is not an email address");
        }
        fields.orThrow();
        String password = Objects.requireNonNull(c.password());
        List<LoginSubject> subjects = new ArrayList<>(2);
        subjects.add(Objects.requireNonNull(account));
        LoginSubject address = addressSubject(c.ip());
        if (address != null) {
            subjects.add(address);
        }
        Instant now = time.now();
        lockout.refuseIfLocked(subjects, now);

        Optional<User> found = users.findByEmail(c.email());
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash());
            lockout.recordFailure(subjects, now);
            throw new Unauthorized(WRONG_CREDENTIALS);
        }
        User user = found.get();
        String ip = sessionIp(c.ip());
        if (!hasher.verify(password, user.passwordHash())) {
            lockout.recordFailure(subjects, now);
            audit.record(user.personalWorkspace(), actor(user.id()), "login.failure", target(user.id()), now, ip,
                    c.userAgent(), Map.of("reason", "password"));
            throw new Unauthorized(WRONG_CREDENTIALS);
        }
        Optional<TwoFactor> enrollment = factors.confirmed(user.id());
        if (enrollment.isPresent()) {
            if (c.secondFactor() == null || c.secondFactor().isBlank()) {
                return new SignIn.SecondFactorRequired();
            }
            if (!factors.verify(user, enrollment.get(), c.secondFactor(), now, actor(user.id()))) {
                lockout.recordFailure(subjects, now);
                audit.record(user.personalWorkspace(), actor(user.id()), "login.failure", target(user.id()), now, ip,
                        c.userAgent(), Map.of("reason", "second-factor"));
                throw new Unauthorized(WRONG_SECOND_FACTOR);
            }
        }
        PasswordHash rehashed = hasher.needsRehash(user.passwordHash()) ? hasher.hash(password) : null;
        LoginSubject accountSubject = subjects.getFirst();
        return transactions.inTransaction(() -> {
            if (rehashed != null) {
                users.updatePasswordHash(user.id(), rehashed, now);
            }
            lockout.clear(accountSubject);
            String token = tokens.newToken(SESSION_PREFIX);
            Session session = new Session(new SessionId(ids.newId()), user.id(), user.personalWorkspace(),
                    Tokens.sha256Hex(token), now, now, now.plus(SESSION_LIFETIME), null, ip, c.userAgent());
            List<SessionId> revoked = sessions.create(session, MAX_SESSIONS, SESSION_IDLE);
            audit.record(user.personalWorkspace(), actor(user.id()), "login.success", "session:" + session.id(), now, ip,
                    c.userAgent(), Map.of("secondFactor", Boolean.toString(enrollment.isPresent()),
                            "rehashed", Boolean.toString(rehashed != null),
                            "sessionsRevoked", Integer.toString(revoked.size())));
            return new SignIn.SignedIn(token, session.id(), user.id(), session.workspace(), session.expiresAt(), revoked);
        });
    }

    @Override
    public Principal authenticate(String bearerToken, @Nullable WorkspaceId workspace) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new Unauthorized(BAD_TOKEN);
        }
        String token = bearerToken.strip();
        Instant now = time.now();
        if (token.startsWith(SESSION_PREFIX)) {
            Session session = sessions.findByTokenHash(Tokens.sha256Hex(token))
                    .filter(s -> s.isActiveAt(now, SESSION_IDLE))
                    .orElseThrow(() -> new Unauthorized(BAD_TOKEN));
            WorkspaceId acting = workspace != null ? workspace : session.workspace();
            Role role = memberships.roleOf(acting, session.user()).orElseThrow(() -> notAMember(acting));
            // seen within the last minute: no write (the idle clock is 30 minutes; see TOUCH_EVERY)
            boolean stale = !now.isBefore(session.lastSeenAt().plus(AccountPolicy.TOUCH_EVERY));
            if (stale && !sessions.touch(session.user(), session.id(), now)) {
                // revoked between the lookup and now
                throw new Unauthorized(BAD_TOKEN);
            }
            return new Principal(session.user(), acting, role, PERSON_SCOPES, session.id(), null);
        }
        if (token.startsWith(API_KEY_PREFIX)) {
            ApiKey key = apiKeys.findByKeyHash(Tokens.sha256Hex(token))
                    .filter(k -> k.isActiveAt(now))
                    .orElseThrow(() -> new Unauthorized(BAD_TOKEN));
            if (workspace != null && !workspace.equals(key.workspace())) {
                throw notAMember(workspace);
            }
            // a key acts as the member who made it: when they have left, so has the key's access
            Role role = memberships.roleOf(key.workspace(), key.user()).orElseThrow(() -> new Unauthorized(BAD_TOKEN));
            if (key.lastUsedAt() == null || !now.isBefore(key.lastUsedAt().plus(AccountPolicy.TOUCH_EVERY))) {
                apiKeys.touch(key.id(), now);
            }
            return new Principal(key.user(), key.workspace(), role, key.scopes(), null, key.id());
        }
        throw new Unauthorized(BAD_TOKEN);
    }

    @Override
    public void logout(Principal principal) {
        Principal p = Checks.person(principal);
        Instant now = time.now();
        SessionId session = Objects.requireNonNull(p.session());
        transactions.inTransaction(() -> {
            if (sessions.revoke(p.user(), session, now)) {
                audit.record(personalWorkspace(p.user()), p.actor(), "session.logout", "session:" + session, now, Map.of());
            }
        });
    }

    // ---------------------------------------------------------------- the signed-in user

    @Override
    public Me me(Principal principal) {
        Principal p = Checks.principal(principal);
        User user = user(p.user());
        List<WorkspaceMembership> all = new ArrayList<>();
        for (Membership m : memberships.workspacesOf(user.id())) {
            workspaces.find(m.workspace()).ifPresent(ws -> all.add(new WorkspaceMembership(ws.id(), ws.name(), ws.kind(), m.role())));
        }
        return new Me(user.id(), user.email(), factors.confirmed(user.id()).isPresent(), p.workspace(), p.role(), all);
    }

    @Override
    public List<SessionView> sessions(Principal principal) {
        Principal p = Checks.person(principal);
        return sessions.listActive(p.user(), time.now(), SESSION_IDLE).stream()
                .map(s -> new SessionView(s.id(), s.createdAt(), s.lastSeenAt(), s.expiresAt(), s.ip(), s.userAgent(),
                        s.id().equals(p.session())))
                .toList();
    }

    @Override
    public void revokeSession(Principal principal, SessionId session) {
        Principal p = Checks.person(principal);
        if (session == null) {
            throw new NotFound("session not found");
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            if (!sessions.revoke(p.user(), session, now)) {
                throw new NotFound("session " + session + " not found");
            }
            audit.record(personalWorkspace(p.user()), p.actor(), "session.revoke", "session:" + session, now, Map.of());
        });
    }

    @Override
    public void changePassword(Principal principal, ChangePassword command) {
        Principal p = Checks.person(principal);
        ChangePassword c = Checks.command(command);
        User user = user(p.user());
        Checks fields = Checks.fields();
        fields.check(c.currentPassword() != null, "currentPassword", "is required");
        checkNewPassword(fields, c.newPassword(), "newPassword", user.email());
        fields.orThrow();
        Instant now = time.now();
        checkPassword(user, Objects.requireNonNull(c.currentPassword()), now);
        Optional<TwoFactor> enrollment = factors.confirmed(user.id());
        if (enrollment.isPresent()) {
            checkSecondFactor(user, enrollment.get(), c.secondFactor(), now, p.actor());
        }
        PasswordHash hash = hasher.hash(Objects.requireNonNull(c.newPassword()));
        SessionId keep = Objects.requireNonNull(p.session());
        transactions.inTransaction(() -> {
            users.updatePasswordHash(user.id(), hash, now);
            int revoked = sessions.revokeAllExcept(user.id(), keep, now);
            audit.record(user.personalWorkspace(), p.actor(), "account.password-change", target(user.id()), now,
                    Map.of("sessionsRevoked", Integer.toString(revoked)));
        });
    }

    // ---------------------------------------------------------------- two-factor

    @Override
    public TwoFactorEnrollment enrollTwoFactor(Principal principal, EnrollTwoFactor command) {
        Principal p = Checks.person(principal);
        EnrollTwoFactor c = Checks.command(command);
        Checks fields = Checks.fields();
        fields.check(c.password() != null, "password", "is required");
        fields.orThrow();
        User user = user(p.user());
        Instant now = time.now();
        checkPassword(user, Objects.requireNonNull(c.password()), now);
        if (factors.confirmed(user.id()).isPresent()) {
            throw new Conflict("two-factor authentication is on already: turn it off first to enroll again");
        }
        String seed = factors.newSeed();
        transactions.inTransaction(() -> {
            twoFactor.save(TwoFactor.enroll(user.id(), vault.seal(seed, SecondFactors.binding(user)), now));
            audit.record(user.personalWorkspace(), p.actor(), "two-factor.enroll", target(user.id()), now, Map.of());
        });
        String uri = "otpauth://totp/Bulwark:" + Uris.encode(user.email()) + "?secret=" + seed
                + "&issuer=Bulwark&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        return new TwoFactorEnrollment(uri, seed);
    }

    @Override
    public BackupCodes confirmTwoFactor(Principal principal, ConfirmTwoFactor command) {
        Principal p = Checks.person(principal);
        ConfirmTwoFactor c = Checks.command(command);
        Checks fields = Checks.fields();
        fields.required(c.code(), "code");
        fields.orThrow();
        User user = user(p.user());
        TwoFactor enrollment = twoFactor.find(user.id())
                .orElseThrow(() -> new Conflict("no two-factor enrollment to confirm: start one first"));
        if (enrollment.confirmed()) {
            throw new Conflict("two-factor authentication is on already");
        }
        Instant now = time.now();
        if (!factors.verifyTotp(user, enrollment, Objects.requireNonNull(c.code()), now, p.actor())) {
            throw new Invalid("the request has invalid fields",
                    List.of(new Invalid.FieldError("code", "does not match the authenticator's current code")));
        }
        SecondFactors.Issued codes = factors.newBackupCodes();
        transactions.inTransaction(() -> {
            if (!twoFactor.confirm(user.id())) {
                throw new Conflict("two-factor authentication is on already");
            }
            twoFactor.replaceBackupCodes(user.id(), codes.hashes());
            audit.record(user.personalWorkspace(), p.actor(), "two-factor.confirm", target(user.id()), now,
                    Map.of("backupCodes", Integer.toString(codes.codes().size())));
        });
        return new BackupCodes(codes.codes());
    }

    @Override
    public void disableTwoFactor(Principal principal, SecondFactor command) {
        Principal p = Checks.person(principal);
        SecondFactor c = Checks.command(command);
        User user = user(p.user());
        Optional<TwoFactor> enrollment = twoFactor.find(user.id());
        if (enrollment.isEmpty()) {
            throw new Conflict("two-factor authentication is off");
        }
        Instant now = time.now();
        if (enrollment.get().confirmed()) {
            checkSecondFactor(user, enrollment.get(), c.secondFactor(), now, p.actor());
        }
        transactions.inTransaction(() -> {
            twoFactor.remove(user.id());
            audit.record(user.personalWorkspace(), p.actor(), "two-factor.disable", target(user.id()), now,
                    Map.of("wasConfirmed", Boolean.toString(enrollment.get().confirmed())));
        });
    }

    @Override
    public BackupCodes regenerateBackupCodes(Principal principal, SecondFactor command) {
        Principal p = Checks.person(principal);
        SecondFactor c = Checks.command(command);
        User user = user(p.user());
        TwoFactor enrollment = factors.confirmed(user.id()).orElseThrow(() -> new Forbidden(TWO_FACTOR_NEEDED));
        Instant now = time.now();
        checkSecondFactor(user, enrollment, c.secondFactor(), now, p.actor());
        SecondFactors.Issued codes = factors.newBackupCodes();
        transactions.inTransaction(() -> {
            twoFactor.replaceBackupCodes(user.id(), codes.hashes());
            audit.record(user.personalWorkspace(), p.actor(), "two-factor.backup-codes-regenerate", target(user.id()), now,
                    Map.of("backupCodes", Integer.toString(codes.codes().size())));
        });
        return new BackupCodes(codes.codes());
    }

    @Override
    public void requireSecondFactor(Principal principal, @Nullable String secondFactor) {
        Principal p = Checks.principal(principal);
        if (p.apiKey() != null) {
            throw new Forbidden(TWO_FACTOR_NEEDED);
        }
        TwoFactor enrollment = factors.confirmed(p.user()).orElseThrow(() -> new Forbidden(TWO_FACTOR_NEEDED));
        checkSecondFactor(user(p.user()), enrollment, secondFactor, time.now(), p.actor());
    }

    // ---------------------------------------------------------------- shared steps

    /**
     * A second factor for a sensitive change by someone already signed in. Wrong codes count as failed sign-ins
     * against the account, so a stolen session cannot try all million codes.
     */
    private void checkSecondFactor(User user, TwoFactor enrollment, @Nullable String secondFactor, Instant now, String actor) {
        if (secondFactor == null || secondFactor.isBlank()) {
            throw new Unauthorized(SECOND_FACTOR_MISSING);
        }
        List<LoginSubject> subject = List.of(LoginSubject.account(user.email()));
        lockout.refuseIfLocked(subject, now);
        if (!factors.verify(user, enrollment, secondFactor, now, actor)) {
            lockout.recordFailure(subject, now);
            throw new Unauthorized(WRONG_SECOND_FACTOR);
        }
    }

    /** The password again, before a security change; counted like a sign-in. */
    private void checkPassword(User user, String password, Instant now) {
        List<LoginSubject> subject = List.of(LoginSubject.account(user.email()));
        lockout.refuseIfLocked(subject, now);
        if (!hasher.verify(password, user.passwordHash())) {
            lockout.recordFailure(subject, now);
            throw new Unauthorized(WRONG_PASSWORD);
        }
    }

    private void checkNewPassword(Checks fields, @Nullable String password, String field, @Nullable String email) {
        if (!fields.check(password != null, field, "is required")) {
            return;
        }
        String pw = Objects.requireNonNull(password);
        if (!fields.check(pw.length() >= MIN_PASSWORD_LENGTH, field, "is at least " + MIN_PASSWORD_LENGTH + " characters")
                || !fields.check(pw.length() <= MAX_PASSWORD_LENGTH, field, "is at most " + MAX_PASSWORD_LENGTH + " characters")) {
            return;
        }
        strength.weakness(pw, userInputs(email)).ifPresent(why -> fields.check(false, field, why));
    }

    /** The email and its parts: what an attacker who knows the address tries first. */
    static List<String> userInputs(@Nullable String email) {
        if (email == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        words.add(email);
        for (String part : email.split("[@.+_\\-]")) {
            if (part.length() >= 3) {
                words.add(part);
            }
        }
        words.add("bulwark");
        return List.copyOf(words);
    }

    private PasswordHash dummyHash() {
        PasswordHash hash = dummy;
        if (hash == null) {
            hash = hasher.hash(tokens.newToken(""));
            dummy = hash;
        }
        return hash;
    }

    private User user(UserId id) {
        return users.find(id).orElseThrow(() -> new Unauthorized(BAD_TOKEN));
    }

    private WorkspaceId personalWorkspace(UserId id) {
        return user(id).personalWorkspace();
    }

    private static NotFound notAMember(WorkspaceId workspace) {
        return new NotFound("workspace " + workspace + " not found");
    }

    private static @Nullable String normalizedEmail(String email) {
        try {
            return User.normalizeEmail(email);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable LoginSubject accountSubject(String email) {
        try {
            return LoginSubject.account(email);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable LoginSubject addressSubject(@Nullable String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        try {
            return LoginSubject.address(ip);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The address as a session keeps it, or none when the host passed something that is not one. */
    private static @Nullable String sessionIp(@Nullable String ip) {
        if (ip == null || ip.isBlank() || ip.strip().length() > Session.MAX_IP_LENGTH) {
            return null;
        }
        return ip.strip();
    }

    static String actor(UserId user) {
        return "user:" + user;
    }

    static String target(UserId user) {
        return "user:" + user;
    }
}
