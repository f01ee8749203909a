package dev.bulwark.adapters.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KrakenAdaptersTest {
    @ParameterizedTest
    @CsvSource({"XXBT,BTC", "XBT,BTC", "ZUSD,USD", "ZEUR,EUR", "ZGBP,GBP", "XETH,ETH", "XXDG,DOGE", "XDG,DOGE",
            "XXRP,XRP", "XLTC,LTC", "USDT,USDT", "DOT,DOT", "CHF,CHF", "ETH2,ETH2", "XTZ,XTZ"})
    void krakenAssetCodesBecomeTheCommonOnes(String kraken, String common) {
        assertThat(KrakenAdapters.asset(kraken)).contains(Asset.of(common));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ETH2.S", "USD.M", "XBT.F", "DOT.B", "AAPLx.T"})
    void earnBalancesAreNotSpotFunds(String kraken) {
        assertThat(KrakenAdapters.asset(kraken)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource({"BTC,USD,XBTUSD", "ETH,USD,ETHUSD", "DOGE,EUR,XDGEUR", "USDT,USD,USDTUSD"})
    void pairsAreAskedByTheirAlternativeName(String base, String quote, String pair) {
        assertThat(KrakenAdapters.pair(Instrument.spot(base, quote))).isEqualTo(pair);
    }

    @ParameterizedTest
    @CsvSource({"6d1b345e-2821-40e2-ad83-4ecb18a06876,true", "30c74b7b2b4f4a1d8b5ab1b1c5b6b4e0,true",
            "follow-the-trend,true", "123456789012345678,true", "1234567890123456789,false",
            "bulwark-signal-0190-abcdef-long-id,false"})
    void clientIdsFitKrakensClOrdIdFormats(String id, boolean fits) {
        assertThat(KrakenAdapters.fitsClOrdId(new ClientOrderId(id))).isEqualTo(fits);
    }

    @org.junit.jupiter.api.Test
    void theDocumentedBalanceAnswerMapsToCommonAssets() throws Exception {
        // POST /0/private/Balance as Kraken documents it: totals only, legacy codes and earn balances mixed
        String documented = "{\"ZUSD\":\"171288.6158\",\"ZEUR\":\"504861.8946\",\"XXBT\":\"1011.1908877900\","
                + "\"XETH\":\"818.5500000000\",\"USDT\":\"500000.00000000\",\"DAI\":\"9999.9999999999\","
                + "\"DOT\":\"2.5000000000\",\"ETH2.S\":\"198.3970800000\",\"ETH2\":\"2.5885574330\",\"USD.M\":\"1213029.2780\"}";
        var account = new dev.bulwark.domain.venues.VenueAccountId(java.util.UUID.randomUUID());
        var holdings = KrakenAdapters.holdings(account, new dev.bulwark.domain.venues.VenueId("kraken"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(documented));
        assertThat(holdings).extracting(h -> h.asset().code())
                .containsExactlyInAnyOrder("USD", "EUR", "BTC", "ETH", "USDT", "DAI", "DOT", "ETH2");
        assertThat(holdings).filteredOn(h -> h.asset().equals(Asset.BTC)).singleElement()
                .satisfies(h -> assertThat(h.free()).isEqualByComparingTo("1011.19088779"));
    }
}
