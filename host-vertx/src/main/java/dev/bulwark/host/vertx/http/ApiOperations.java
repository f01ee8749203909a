package dev.bulwark.host.vertx.http;

import static dev.bulwark.host.vertx.http.Operation.op;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import dev.bulwark.ports.driving.accounts.AccountViews;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.bots.BotCommands;
import dev.bulwark.ports.driving.bots.BotViews;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.portfolio.AccountSync;
import dev.bulwark.ports.driving.portfolio.PortfolioView;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import dev.bulwark.ports.driving.venues.VenueCommands;
import dev.bulwark.ports.driving.venues.VenueViews;
import dev.bulwark.ports.errors.Forbidden;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every operation of the REST API, in one table: the routes and the OpenAPI document are both made from it.
 * Paths are relative to {@code /api/v1}. Reads need READ, trading TRADE, settings MANAGE (the use cases check).
 */
final class ApiOperations {
    private ApiOperations() {
    }

    static List<Operation> all(BulwarkRuntime runtime, boolean tls) {
        ManageAccounts accounts = runtime.manageAccounts();
        ManageWorkspaces workspaces = runtime.manageWorkspaces();
        ManageApiKeys apiKeys = runtime.manageApiKeys();
        ConnectVenues venues = runtime.connectVenues();
        ManageBots bots = runtime.manageBots();
        return List.of(
                // accounts and sessions
                op(POST, "/accounts", "accounts", "Register with email and password (a personal workspace comes with it)")
                        .open().body(AccountCommands.Register.class).answers(AccountViews.Registered.class).status(201)
                        .does(call -> accounts.register(call.body(AccountCommands.Register.class))),
                op(POST, "/sessions", "accounts", "Sign in: answers the session token (also set as an HttpOnly cookie) and the CSRF token, or that a second factor is due")
                        .open().body(AccountCommands.Login.class).answers(SignInAnswer.class)
                        .does(call -> signIn(accounts, call, tls)),
                op(DELETE, "/sessions/current", "accounts", "Sign out of this session")
                        .does(call -> {
                            accounts.logout(call.principal());
                            return (Api.Custom) ctx -> {
                                Auth.clearSessionCookies(ctx, tls);
                                ctx.response().setStatusCode(204).end();
                            };
                        }),
                op(GET, "/sessions", "accounts", "The signed-in user's active sessions")
                        .answersListOf(AccountViews.SessionView.class)
                        .does(call -> accounts.sessions(call.principal())),
                op(DELETE, "/sessions/:session_id", "accounts", "Revoke one of the user's sessions")
                        .does(call -> {
                            accounts.revokeSession(call.principal(), new SessionId(call.id("session_id")));
                            return null;
                        }),
                op(GET, "/me", "accounts", "Who is signed in, in which workspace, with which role")
                        .answers(AccountViews.Me.class)
                        .does(call -> accounts.me(call.principal())),
                op(POST, "/me/password", "accounts", "Change the password (second factor when on); signs out every other session")
                        .body(AccountCommands.ChangePassword.class)
                        .does(call -> {
                            accounts.changePassword(call.principal(), call.body(AccountCommands.ChangePassword.class));
                            return null;
                        }),
                op(POST, "/me/two-factor", "accounts", "Start two-factor enrollment: the otpauth URI and its QR code")
                        .body(AccountCommands.EnrollTwoFactor.class).answers(EnrollmentAnswer.class)
                        .does(call -> {
                            AccountViews.TwoFactorEnrollment enrollment =
                                    accounts.enrollTwoFactor(call.principal(), call.body(AccountCommands.EnrollTwoFactor.class));
                            return new EnrollmentAnswer(enrollment.otpauthUri(), enrollment.secretBase32(),
                                    QrCodes.dataUri(enrollment.otpauthUri()));
                        }),
                op(POST, "/me/two-factor/confirm", "accounts", "Confirm enrollment with a first code: answers 10 backup codes, once")
                        .body(AccountCommands.ConfirmTwoFactor.class).answers(AccountViews.BackupCodes.class)
                        .does(call -> accounts.confirmTwoFactor(call.principal(), call.body(AccountCommands.ConfirmTwoFactor.class))),
                op(POST, "/me/two-factor/disable", "accounts", "Turn two-factor off (needs a second factor)")
                        .body(AccountCommands.SecondFactor.class)
                        .does(call -> {
                            accounts.disableTwoFactor(call.principal(), call.body(AccountCommands.SecondFactor.class));
                            return null;
                        }),
                op(POST, "/me/two-factor/backup-codes", "accounts", "Replace the backup codes (needs a second factor)")
                        .body(AccountCommands.SecondFactor.class).answers(AccountViews.BackupCodes.class)
                        .does(call -> accounts.regenerateBackupCodes(call.principal(), call.body(AccountCommands.SecondFactor.class))),
                // workspaces
                op(POST, "/workspaces", "workspaces", "Create a team workspace (its creator owns it)")
                        .body(AccountCommands.CreateTeam.class).answers(AccountViews.WorkspaceMembership.class).status(201)
                        .does(call -> workspaces.createTeam(call.principal(), call.body(AccountCommands.CreateTeam.class))),
                op(GET, "/workspace/members", "workspaces", "The current workspace's members")
                        .answersListOf(AccountViews.MemberView.class)
                        .does(call -> workspaces.members(call.principal())),
                op(PUT, "/workspace/members/:user_id/role", "workspaces", "Change a member's role (owners only)")
                        .body(AccountCommands.ChangeRole.class)
                        .does(call -> {
                            workspaces.changeRole(call.principal(), new UserId(call.id("user_id")), call.body(AccountCommands.ChangeRole.class));
                            return null;
                        }),
                op(DELETE, "/workspace/members/:user_id", "workspaces", "Remove a member, or leave (naming oneself)")
                        .does(call -> {
                            workspaces.removeMember(call.principal(), new UserId(call.id("user_id")));
                            return null;
                        }),
                op(POST, "/workspace/invitations", "workspaces", "Invite an email with a role: answers the invitation token, once, to pass on")
                        .body(AccountCommands.Invite.class).answers(AccountViews.InvitationCreated.class).status(201)
                        .does(call -> workspaces.invite(call.principal(), call.body(AccountCommands.Invite.class))),
                op(GET, "/workspace/invitations", "workspaces", "The current workspace's invitations")
                        .answersListOf(AccountViews.InvitationView.class)
                        .does(call -> workspaces.invitations(call.principal())),
                op(DELETE, "/workspace/invitations/:invitation_id", "workspaces", "Revoke an open invitation")
                        .does(call -> {
                            workspaces.revokeInvitation(call.principal(), call.id("invitation_id"));
                            return null;
                        }),
                op(POST, "/invitations/accept", "workspaces", "Join a workspace with an invitation token (as the invited email)")
                        .body(AccountCommands.AcceptInvitation.class).answers(AccountViews.WorkspaceMembership.class)
                        .does(call -> workspaces.acceptInvitation(call.principal(), call.body(AccountCommands.AcceptInvitation.class))),
                // API keys
                op(POST, "/api-keys", "api-keys", "Create an API key with scopes READ and/or TRADE: answers the key, once")
                        .body(AccountCommands.CreateApiKey.class).answers(AccountViews.ApiKeyCreated.class).status(201)
                        .does(call -> apiKeys.create(call.principal(), call.body(AccountCommands.CreateApiKey.class))),
                op(GET, "/api-keys", "api-keys", "The workspace's API keys (never the keys themselves)")
                        .answersListOf(AccountViews.ApiKeyView.class)
                        .does(call -> apiKeys.list(call.principal())),
                op(DELETE, "/api-keys/:api_key_id", "api-keys", "Revoke an API key")
                        .does(call -> {
                            apiKeys.revoke(call.principal(), new ApiKeyId(call.id("api_key_id")));
                            return null;
                        }),
                // venues
                op(GET, "/venues", "venues", "The venues that can be connected, with their circuit breaker state")
                        .answersListOf(VenueViews.VenueInfo.class)
                        .does(call -> venues.venues()),
                op(POST, "/venue-accounts", "venues", "Connect a venue account: credentials are validated with the venue and sealed; keys that can withdraw are refused")
                        .body(VenueCommands.CreateVenueAccount.class).answers(VenueViews.VenueAccountView.class).status(201)
                        .does(call -> venues.create(call.principal(), call.body(VenueCommands.CreateVenueAccount.class))),
                op(GET, "/venue-accounts", "venues", "The workspace's venue accounts (keys masked, secrets never)")
                        .answersListOf(VenueViews.VenueAccountView.class)
                        .does(call -> venues.list(call.principal())),
                op(GET, "/venue-accounts/:account_id", "venues", "One venue account")
                        .answers(VenueViews.VenueAccountView.class)
                        .does(call -> venues.get(call.principal(), account(call))),
                op(PATCH, "/venue-accounts/:account_id", "venues", "Label, activate or deactivate, switch paper/live (live needs a second factor)")
                        .body(VenueCommands.UpdateVenueAccount.class).answers(VenueViews.VenueAccountView.class)
                        .does(call -> venues.update(call.principal(), account(call), call.body(VenueCommands.UpdateVenueAccount.class))),
                op(PUT, "/venue-accounts/:account_id/credentials", "venues", "Replace the credentials (validated like new ones; needs a second factor)")
                        .body(VenueCommands.ReplaceCredentials.class).answers(VenueViews.VenueAccountView.class)
                        .does(call -> venues.replaceCredentials(call.principal(), account(call), call.body(VenueCommands.ReplaceCredentials.class))),
                op(DELETE, "/venue-accounts/:account_id", "venues", "Delete a venue account (one with trading history is deactivated instead: 409)")
                        .does(call -> {
                            venues.delete(call.principal(), account(call));
                            return null;
                        }),
                op(GET, "/venue-accounts/:account_id/risk-profile", "venues", "The account's risk profile: the limits every order on it passes (the defaults, version 0, until set)")
                        .answers(VenueViews.RiskProfileView.class)
                        .does(call -> venues.riskProfile(call.principal(), account(call))),
                op(PUT, "/venue-accounts/:account_id/risk-profile", "venues", "Replace the account's risk profile (a limit left out takes the default; version: optimistic check)")
                        .body(VenueCommands.SetRiskProfile.class).answers(VenueViews.RiskProfileView.class)
                        .does(call -> venues.setRiskProfile(call.principal(), account(call), call.body(VenueCommands.SetRiskProfile.class))),
                op(GET, "/venue-accounts/:account_id/credential-uses", "venues", "Every audited use of the account's credentials, newest first (?before=instant&limit=1..200)")
                        .answers(VenueViews.CredentialUses.class)
                        .does(call -> venues.credentialUses(call.principal(), account(call), before(call), call.intQuery("limit", 50, 1, 200))),
                op(POST, "/venue-accounts/:account_id/sync", "portfolio", "Sync one account's holdings now")
                        .answers(AccountSync.class)
                        .does(call -> {
                            Principal principal = readable(call);
                            VenueAccountId id = account(call);
                            venues.get(principal, id); // 404 for another workspace's account, before any venue call
                            return runtime.syncPortfolio().sync(principal.workspace(), id);
                        }),
                // portfolio
                op(GET, "/portfolio", "portfolio", "The whole portfolio: every account's holdings by asset, valued in USD and EUR, with sync states")
                        .answers(PortfolioView.class)
                        .does(call -> runtime.viewPortfolio().view(readable(call).workspace())),
                op(POST, "/portfolio/sync", "portfolio", "Sync every active account of the workspace now, in parallel")
                        .answersListOf(AccountSync.class)
                        .does(call -> runtime.portfolioSyncer().syncWorkspace(readable(call).workspace())),
                // bots
                op(POST, "/bots", "bots", "Create a bot: answers its webhook secret, once")
                        .body(BotCommands.CreateBot.class).answers(BotViews.BotCreated.class).status(201)
                        .does(call -> bots.create(call.principal(), call.body(BotCommands.CreateBot.class))),
                op(GET, "/bots", "bots", "The workspace's bots")
                        .answersListOf(BotViews.BotView.class)
                        .does(call -> bots.list(call.principal())),
                op(GET, "/bots/:bot_id", "bots", "One bot")
                        .answers(BotViews.BotView.class)
                        .does(call -> bots.get(call.principal(), bot(call))),
                op(PATCH, "/bots/:bot_id", "bots", "Change a bot's configuration (configVersion guards against lost updates; LIVE needs a second factor)")
                        .body(BotCommands.UpdateBot.class).answers(BotViews.BotView.class)
                        .does(call -> bots.update(call.principal(), bot(call), call.body(BotCommands.UpdateBot.class))),
                op(POST, "/bots/:bot_id/clone", "bots", "Copy a bot's configuration under a new name (paused, with its own secret)")
                        .body(BotCommands.CloneBot.class).answers(BotViews.BotCreated.class).status(201)
                        .does(call -> bots.clone(call.principal(), bot(call), call.body(BotCommands.CloneBot.class))),
                op(DELETE, "/bots/:bot_id", "bots", "Delete a bot: needs ?confirm=true (without it: 409 asking to confirm)")
                        .does(call -> {
                            bots.delete(call.principal(), bot(call), "true".equalsIgnoreCase(call.query("confirm")));
                            return null;
                        }),
                op(PUT, "/bots/:bot_id/status", "bots", "Activate, pause or stop a bot")
                        .body(BotCommands.SetStatus.class).answers(BotViews.BotView.class)
                        .does(call -> bots.setStatus(call.principal(), bot(call), call.body(BotCommands.SetStatus.class))),
                op(POST, "/bots/:bot_id/secret", "bots", "Rotate the webhook secret: the new one, once; the old one works 10 more minutes")
                        .answers(BotViews.SecretRotated.class)
                        .does(call -> bots.rotateSecret(call.principal(), bot(call))),
                op(GET, "/bots/:bot_id/summary", "bots", "Open positions, today's P&L, total return, win rate, trade count")
                        .answers(BotViews.BotSummary.class)
                        .does(call -> bots.summary(call.principal(), bot(call))),
                op(GET, "/bots/:bot_id/signals", "bots", "The bot's signals, newest first (?before=instant&limit=1..200)")
                        .answersListOf(BotViews.SignalView.class)
                        .does(call -> bots.signals(call.principal(), bot(call), before(call), call.intQuery("limit", 50, 1, 200))),
                op(GET, "/signals/:signal_id", "bots", "A signal's receipt: every step of its journey with the inputs each decision used")
                        .answers(BotViews.SignalReceipt.class)
                        .does(call -> bots.receipt(call.principal(), new SignalId(call.id("signal_id")))),
                op(GET, "/dead-letters", "bots", "Signals whose every attempt failed (?limit=1..200)")
                        .answersListOf(BotViews.DeadLetter.class)
                        .does(call -> bots.deadLetters(call.principal(), call.intQuery("limit", 50, 1, 200))),
                op(POST, "/signals/:signal_id/replay", "bots", "Process a dead-lettered signal again")
                        .does(call -> {
                            bots.replay(call.principal(), new SignalId(call.id("signal_id")));
                            return null;
                        }),
                // backtests
                op(POST, "/backtests", "backtests", "Backtest a strategy over the market data's history, through the paper venue's matching")
                        .body(BacktestCommand.class).answers(BacktestReport.class)
                        .does(call -> {
                            readable(call);
                            return runtime.runBacktest().run(call.body(BacktestCommand.class));
                        }));
    }

    /** What a sign-in answers: the session (token once) and its CSRF token, or that a second factor is due. */
    record SignInAnswer(String status, String token, String csrfToken, String session, String user, String workspace,
                        Instant expiresAt) {
    }

    /** Two-factor enrollment with its QR code as a {@code data:image/png} URI. */
    record EnrollmentAnswer(String otpauthUri, String secret, String qrCode) {
        @Override
        public String toString() {
            return "EnrollmentAnswer[****]";
        }
    }

    private static Object signIn(ManageAccounts accounts, Call call, boolean tls) {
        AccountCommands.Login given = call.body(AccountCommands.Login.class);
        AccountCommands.Login login = new AccountCommands.Login(given.email(), given.password(), given.secondFactor(),
                call.ip(), call.userAgent());
        return switch (accounts.login(login)) {
            case AccountViews.SignIn.SecondFactorRequired ignored -> (Api.Custom) ctx -> ctx.response()
                    .setStatusCode(200).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("status", "second-factor-required").encode());
            case AccountViews.SignIn.SignedIn in -> (Api.Custom) ctx -> {
                Auth.setSessionCookies(ctx, in.token(), tls);
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("status", "signed-in").put("token", in.token())
                                .put("csrfToken", Auth.csrfToken(in.token())).put("session", in.session().toString())
                                .put("user", in.user().toString()).put("workspace", in.workspace().toString())
                                .put("expiresAt", in.expiresAt().toString()).encode());
            };
        };
    }

    private static Principal readable(Call call) {
        Principal principal = call.principal();
        if (!principal.canRead()) {
            throw new Forbidden("This key may not read.");
        }
        return principal;
    }

    private static BotId bot(Call call) {
        return new BotId(call.id("bot_id"));
    }

    private static VenueAccountId account(Call call) {
        return new VenueAccountId(call.id("account_id"));
    }

    private static @Nullable Instant before(Call call) {
        String text = call.query("before");
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Api.invalid("before", "must be an ISO-8601 instant (2026-01-31T12:00:00Z)");
        }
    }
}
