package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import dev.bulwark.ports.driving.venues.VenueCommands;
import dev.bulwark.ports.errors.Invalid;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading bodies and binding them to commands: every kind of bad input is a 400 naming the field, never the value. */
class JsonBindingTest {
    private static Map<String, Object> read(String json) {
        return JsonReader.readObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Invalid invalid(Runnable action) {
        try {
            action.run();
        } catch (Invalid e) {
            return e;
        }
        throw new AssertionError("expected Invalid");
    }

    @Test
    void numbersStayExact() {
        assertThat(read("{\"a\": 0.1, \"b\": 12345678901234567890.000000001}"))
                .containsEntry("a", new BigDecimal("0.1"))
                .containsEntry("b", new BigDecimal("12345678901234567890.000000001"));
    }

    @Test
    void emptyNonObjectTrailingAndBrokenBodiesAreRefused() {
        assertThatThrownBy(() -> JsonReader.readObject(new byte[0])).isInstanceOf(Invalid.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(Invalid.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read("{\"a\":1} {}")).isInstanceOf(Invalid.class).hasMessageContaining("nothing after");
        assertThatThrownBy(() -> read("{\"a\": ")).isInstanceOf(Invalid.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> read("{\"password\": \"hunter2hunter2\",")).isInstanceOf(Invalid.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> read("{\"a\":1,\"a\":2}")).isInstanceOf(Invalid.class).hasMessageContaining("twice");
    }

    @Test
    void nestingIsLimited() {
        String ok = "{\"a\":".repeat(JsonReader.MAX_DEPTH - 1) + "1" + "}".repeat(JsonReader.MAX_DEPTH - 1);
        assertThat(read(ok)).containsKey("a");
        String deep = "{\"a\":".repeat(JsonReader.MAX_DEPTH + 5) + "1" + "}".repeat(JsonReader.MAX_DEPTH + 5);
        assertThatThrownBy(() -> read(deep)).isInstanceOf(Invalid.class).hasMessageContaining("nested deeper");
    }

    @Test
    void bindsStringsEnumsInAnyCaseAndSets() {
        AccountCommands.CreateApiKey key = CommandBinder.bind(read("{\"name\":\"bot\",\"scopes\":[\"read\",\"Trade\"]}"),
                AccountCommands.CreateApiKey.class);
        assertThat(key.scopes()).isEqualTo(Set.of(Scope.READ, Scope.TRADE));
        assertThat(CommandBinder.bind(read("{\"email\":\"a@b.co\",\"role\":\"viewer\"}"), AccountCommands.Invite.class).role())
                .isEqualTo(Role.VIEWER);
    }

    @Test
    void unknownFieldsWrongTypesAndBadEnumsAreEachAFieldError() {
        Invalid e = invalid(() -> CommandBinder.bind(read("{\"name\":5,\"scopes\":[\"root\"],\"admin\":true}"),
                AccountCommands.CreateApiKey.class));
        assertThat(e.fieldErrors()).extracting(Invalid.FieldError::field)
                .containsExactlyInAnyOrder("admin", "name", "scopes[0]");
        assertThat(e.fieldErrors()).extracting(Invalid.FieldError::message)
                .contains("is not a known field", "must be a string", "must be one of [READ, TRADE, MANAGE]");
    }

    @Test
    void aWrongValueIsNeverQuotedBack() {
        Invalid e = invalid(() -> CommandBinder.bind(read("{\"venue\":\"binance\",\"label\":\"x\",\"environment\":\"sk_live_SECRET\","
                + "\"apiKey\":\"KEY\",\"apiSecret\":[\"SECRET-VALUE\"]}"), VenueCommands.CreateVenueAccount.class));
        assertThat(e.toString() + e.fieldErrors()).doesNotContain("SECRET");
    }

    @Test
    void sealedSpecsAreChosenByTheirTypeAndMissingPrimitivesAreRequired() {
        String base = "{\"symbol\":\"BTC/USDT\",\"market\":\"SPOT\",\"interval\":\"H1\",\"from\":\"2024-01-01T00:00:00Z\","
                + "\"to\":\"2024-02-01T00:00:00Z\",\"initialQuote\":\"1000\",";
        BacktestCommand command = CommandBinder.bind(read(base + "\"strategy\":{\"type\":\"smaCross\",\"fast\":5,\"slow\":20}}"),
                BacktestCommand.class);
        assertThat(command.strategy()).isEqualTo(new StrategySpec.SmaCrossSpec(5, 20));
        assertThat(command.initialQuote()).isEqualByComparingTo("1000");

        Invalid unknownType = invalid(() -> CommandBinder.bind(read(base + "\"strategy\":{\"type\":\"moon\"}}"), BacktestCommand.class));
        assertThat(unknownType.fieldErrors()).extracting(Invalid.FieldError::field).containsExactly("strategy.type");
        Invalid missing = invalid(() -> CommandBinder.bind(read(base + "\"strategy\":{\"type\":\"smaCross\",\"fast\":5}}"), BacktestCommand.class));
        assertThat(missing.fieldErrors()).extracting(Invalid.FieldError::field).containsExactly("strategy.slow");
    }

    @Test
    void aDomainValueThatRefusesItselfIsAFieldErrorWithItsReason() {
        String body = "{\"symbol\":\"BTC/USDT\",\"market\":\"SPOT\",\"interval\":\"H1\",\"from\":\"2024-01-01T00:00:00Z\","
                + "\"to\":\"2024-02-01T00:00:00Z\",\"initialQuote\":1000,\"strategy\":{\"type\":\"smaCross\",\"fast\":5,\"slow\":20},"
                + "\"riskProfile\":{\"symbolWhitelist\":[],\"minOrderSize\":\"-1\",\"maxOrderSize\":1,\"maxOrderValue\":1,"
                + "\"maxPositionValue\":1,\"maxPositionShare\":1,\"maxLeverage\":1,\"maxRiskPerTrade\":1,\"maxDailyLoss\":1,\"maxOpenPositions\":1}}";
        Invalid e = invalid(() -> CommandBinder.bind(read(body), BacktestCommand.class));
        assertThat(e.fieldErrors()).extracting(Invalid.FieldError::field).containsExactly("riskProfile");
    }

    @Test
    void numbersAndInstantsInTheWrongShapeAreFieldErrors() {
        String body = "{\"symbol\":\"BTC/USDT\",\"market\":\"SPOT\",\"interval\":\"H1\",\"from\":\"yesterday\","
                + "\"to\":\"2024-02-01T00:00:00Z\",\"initialQuote\":\"lots\",\"strategy\":{\"type\":\"smaCross\",\"fast\":5.5,\"slow\":20}}";
        Invalid e = invalid(() -> CommandBinder.bind(read(body), BacktestCommand.class));
        assertThat(e.fieldErrors()).extracting(Invalid.FieldError::field)
                .containsExactlyInAnyOrder("from", "initialQuote", "strategy.fast");
    }
}
