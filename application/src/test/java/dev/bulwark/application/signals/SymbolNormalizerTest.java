package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolNormalizerTest {

    @ParameterizedTest
    @CsvSource({"BTCUSDT,BTC/USDT", "BINANCE:BTCUSDT,BTC/USDT", "BTC-USD,BTC/USD", "BTC/USDT,BTC/USDT",
            "btc_usdt,BTC/USDT", "BTCUSDT.P,BTC/USDT", "ETHFDUSD,ETH/FDUSD", "ETHBTC,ETH/BTC", "' solusdc ',SOL/USDC"})
    void cryptoSymbolsInEveryFormRead(String raw, String symbol) {
        Instrument instrument = SymbolNormalizer.instrument(raw, AssetType.CRYPTO, Market.SPOT);
        assertThat(instrument.symbol()).isEqualTo(symbol);
        assertThat(instrument.market()).isEqualTo(Market.SPOT);
    }

    @ParameterizedTest
    @CsvSource({"AAPL,AAPL/USD", "NASDAQ:AAPL,AAPL/USD", "aapl/usd,AAPL/USD"})
    void stocksArePricedInUsd(String raw, String symbol) {
        assertThat(SymbolNormalizer.instrument(raw, AssetType.STOCKS, Market.STOCK).symbol()).isEqualTo(symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "USDT", "BTC", "BTC/", "/USDT", "BTC/USDT/EUR", "BINANCE:", "???"})
    void unreadableSymbolsAreRefusedWithAReason(String raw) {
        assertThatThrownBy(() -> SymbolNormalizer.instrument(raw, AssetType.CRYPTO, Market.SPOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(no symbol|cannot be read).*");
    }
}
