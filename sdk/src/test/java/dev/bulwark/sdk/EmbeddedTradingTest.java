package dev.bulwark.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import dev.bulwark.ports.driving.accounts.AccountViews;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.BotCommands;
import dev.bulwark.ports.driving.bots.BotViews;
import dev.bulwark.ports.driving.signals.WebhookAck;
import dev.bulwark.ports.driving.signals.WebhookRequest;
import dev.bulwark.ports.driving.venues.VenueCommands;
import dev.bulwark.ports.driving.venues.VenueViews;
import dev.bulwark.ports.errors.Invalid;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java application embedding the engine does what a user of the server does, through the same use cases and the
 * same validation: register, sign in, connect a paper account, create a bot, hand it an alert, read the receipt.
 */
class EmbeddedTradingTest {
    @TempDir
    Path dataDir;

    @Test
    void anAlertBecomesAPaperOrderInProcess() throws Exception {
        try (Bulwark bulwark = Bulwark.embedded(BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)))) {
            String setup = bulwark.accounts().setupToken().orElseThrow();
            bulwark.accounts().register(new AccountCommands.Register("embed@example.com", "Harbor-violet-Comet-6251", setup));
            AccountViews.SignIn.SignedIn in = (AccountViews.SignIn.SignedIn) bulwark.accounts()
                    .login(new AccountCommands.Login("embed@example.com", "Harbor-violet-Comet-6251", null, null, null));
            Principal me = bulwark.accounts().authenticate(in.token(), null);

            VenueViews.VenueAccountView paper = bulwark.venues().create(me, new VenueCommands.CreateVenueAccount("paper",
                    "Paper", Environment.PAPER, null, null, null, null, null));
            BotViews.BotCreated bot = bulwark.bots().create(me, new BotCommands.CreateBot("In-process", null, AssetType.CRYPTO,
                    paper.id().toString(), Environment.PAPER,
                    new BotCommands.Sizing(BotCommands.SizingKind.FIXED_QUOTE, new BigDecimal("100")), null, null));

            WebhookAck ack = bulwark.signals().receive(new WebhookRequest(bot.bot().id().toString(), bot.webhookSecret(), null,
                    "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", "application/json", null));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            SignalStatus status = null;
            while (System.nanoTime() < deadline) {
                status = bulwark.bots().receipt(me, ack.signalId()).signal().status();
                if (status.isFinal()) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll, bounded by the deadline
            }
            assertThat(status).as(bulwark.bots().receipt(me, ack.signalId()).toString()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(bulwark.portfolio().view(me.workspace()).accounts()).hasSize(1);
        }
    }

    @Test
    void anAccountsRiskProfileIsSetInProcessAndItsBadLimitsAreTypedErrors() {
        try (Bulwark bulwark = Bulwark.embedded(BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)))) {
            String setup = bulwark.accounts().setupToken().orElseThrow();
            bulwark.accounts().register(new AccountCommands.Register("risk@example.com", "Harbor-violet-Comet-6251", setup));
            AccountViews.SignIn.SignedIn in = (AccountViews.SignIn.SignedIn) bulwark.accounts()
                    .login(new AccountCommands.Login("risk@example.com", "Harbor-violet-Comet-6251", null, null, null));
            Principal me = bulwark.accounts().authenticate(in.token(), null);
            VenueViews.VenueAccountView paper = bulwark.venues().create(me, new VenueCommands.CreateVenueAccount("paper",
                    "Paper", Environment.PAPER, null, null, null, null, null));

            VenueViews.RiskProfileView set = bulwark.venues().setRiskProfile(me, paper.id(), new VenueCommands.SetRiskProfile(
                    java.util.Set.of("BTC/USDT"), null, null, new BigDecimal("250"), null, null, null, null, null, 2, 0));

            assertThat(set.version()).isEqualTo(1);
            assertThat(bulwark.venues().riskProfile(me, paper.id())).isEqualTo(set);
            // the bean constraints hold in process as over HTTP: a share above 1, open positions below 1
            assertThatThrownBy(() -> bulwark.venues().setRiskProfile(me, paper.id(), new VenueCommands.SetRiskProfile(
                    null, null, null, null, null, new BigDecimal("1.5"), null, null, null, 0, null)))
                    .isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).fieldErrors()).extracting(Invalid.FieldError::field)
                            .contains("maxPositionShare", "maxOpenPositions"));
            assertThat(bulwark.venues().riskProfile(me, paper.id()).version()).isEqualTo(1);
        }
    }

    @Test
    void commandsAreValidatedInProcessToo() {
        try (Bulwark bulwark = Bulwark.embedded(BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)))) {
            assertThatThrownBy(() -> bulwark.accounts().register(new AccountCommands.Register("not-an-email", "short", null)))
                    .isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).fieldErrors()).extracting(Invalid.FieldError::field)
                            .contains("email", "password"));
        }
    }
}
