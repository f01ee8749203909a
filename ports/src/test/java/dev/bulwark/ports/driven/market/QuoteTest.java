package dev.bulwark.ports.driven.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.Price;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuoteTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static Quote quote(String price, String source, boolean assumed) {
        return new Quote(Asset.BTC, Asset.USD, new BigDecimal(price), AT, source, false, assumed);
    }

    @Test
    void normalizesThePriceSoEqualQuotesAreEqual() {
        assertThat(quote("67000.10", "binance", false)).isEqualTo(quote("67000.1", "binance", false));
        assertThat(quote("67000.10", "binance", false).price().toPlainString()).isEqualTo("67000.1");
    }

    @Test
    void refusesWhatIsNotAQuote() {
        assertThatThrownBy(() -> quote("0", "binance", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> quote("-1", "binance", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quote(Asset.BTC, Asset.BTC, BigDecimal.ONE, AT, "binance", false, false))
                .isInstanceOf(IllegalArgumentException.class);
        for (String source : new String[] {"", "Binance", "binance+", "+binance", "a b", "-x", "a+b+c+d+e+f+g+h+i"}) {
            assertThatThrownBy(() -> quote("1", source, false)).as(source).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Quote(Asset.BTC, Asset.USD, BigDecimal.ONE, null, "binance", false, false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anAssumptionMustSayItIsOne() {
        assertThatThrownBy(() -> quote("1", Quote.PEG, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> quote("1", Quote.CONFIGURED, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(quote("1.08", Quote.CONFIGURED, true).assumed()).isTrue();
        assertThat(quote("1", "replay-coinbase+peg", true).source()).isEqualTo("replay-coinbase+peg");
    }

    @Test
    void aPegIsOneDollarFlaggedAndOnlyForUsdStablecoins() {
        Quote peg = Quote.peg(Asset.USDT, AT);

        assertThat(peg.pair()).isEqualTo("USDT/USD");
        assertThat(peg.price()).isEqualByComparingTo("1");
        assertThat(peg.assumed()).isTrue();
        assertThat(peg.stale()).isFalse();
        assertThatThrownBy(() -> Quote.peg(Asset.EUR, AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invertsMarksStaleAndBecomesAPrice() {
        Quote eur = new Quote(Asset.EUR, Asset.USD, new BigDecimal("1.25"), AT, "kraken", false, false);

        assertThat(eur.inverse()).isEqualTo(new Quote(Asset.USD, Asset.EUR, new BigDecimal("0.8"), AT, "kraken", false, false));
        assertThat(eur.markedStale().stale()).isTrue();
        assertThat(eur.markedStale().markedStale()).isEqualTo(eur.markedStale());
        assertThat(eur.toPrice()).isEqualTo(Price.of("EUR", "USD", "1.25"));
        assertThat(eur.toString()).contains("EUR/USD 1.25 from kraken");
    }
}
