package dev.bulwark.adapters.exchange.marketdata.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.Portfolio;
import dev.bulwark.domain.portfolio.PortfolioValuation;
import dev.bulwark.domain.portfolio.Rate;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replay on the shipped files: every expected value below is read off those files. */
class ReplayMarketDataTest {
    private static final List<ReplaySeries> SHIPPED = ShippedSeries.load();
    private static final Instrument BTC_USD = Instrument.spot("BTC", "USD");
    private static final Instrument ETH_USD = Instrument.spot("ETH", "USD");
    private static final Instrument AAPL = new Instrument(Asset.of("AAPL"), Asset.USD, Market.STOCK);
    private static final BigDecimal EUR_USD = new BigDecimal("1.08");

    private final MutableClock clock = new MutableClock("2021-01-01T10:00:00Z");
    private final ReplayMarketData replay = new ReplayMarketData(SHIPPED, clock, EUR_USD);

    private static Candle candle(Instrument instrument, String source, CandleInterval interval, String open, String o,
            String h, String l, String c, String v) {
        return new Candle(instrument, source, interval, Instant.parse(open), new BigDecimal(o), new BigDecimal(h),
                new BigDecimal(l), new BigDecimal(c), new BigDecimal(v));
    }

    @Test
    void shipsFourRealSeriesWhoseFirstAndLastCandlesAreTheFilesOwn() {
        assertThat(SHIPPED).extracting(s -> s.candles().size()).containsExactly(20_695, 5_905, 3_582, 252);

        ReplaySeries btc4h = SHIPPED.get(0);
        assertThat(btc4h.candles().getFirst()).isEqualTo(candle(BTC_USD, ShippedSeries.COINBASE, CandleInterval.H4,
                "2016-05-18T04:00:00Z", "456.16", "456.81", "455.3", "456.02", "561.88098307"));
        assertThat(btc4h.candles().getLast()).isEqualTo(candle(BTC_USD, ShippedSeries.COINBASE, CandleInterval.H4,
                "2025-10-28T00:00:00Z", "114087.06", "114553.83", "113570.73", "113912.05", "671.40683572"));

        ReplaySeries index = SHIPPED.get(1);
        assertThat(index.candles().getFirst()).isEqualTo(candle(BTC_USD, ShippedSeries.TRADINGVIEW, CandleInterval.D1,
                "2009-10-05T00:00:00Z", "0.00076392", "0.00076392", "0.00076392", "0.00076392", "0"));
        assertThat(index.candles().getLast()).isEqualTo(candle(BTC_USD, ShippedSeries.TRADINGVIEW, CandleInterval.D1,
                "2026-03-06T00:00:00Z", "70887.5", "71410.7", "68165.96", "68663.65", "12781.09356919"));

        // the ETH file dates each bar by its end: the first bar (end 2016-05-19) opens 2016-05-18
        ReplaySeries eth = SHIPPED.get(2);
        assertThat(eth.candles().getFirst()).isEqualTo(candle(ETH_USD, ShippedSeries.COINBASE, CandleInterval.D1,
                "2016-05-18T00:00:00Z", "12.5", "14.93", "12.5", "13.18", "482.52182654"));
        assertThat(eth.candles().getLast()).isEqualTo(candle(ETH_USD, ShippedSeries.COINBASE, CandleInterval.D1,
                "2026-03-10T00:00:00Z", "1993.18", "2088.83", "1991.09", "2036.8", "175603.57671898"));

        ReplaySeries aapl = SHIPPED.get(3);
        assertThat(aapl.candles().getFirst()).isEqualTo(candle(AAPL, ShippedSeries.TA4J, CandleInterval.D1,
                "2013-01-02T00:00:00Z", "553.82", "555.00", "541.63", "549.03", "20018500"));
        assertThat(aapl.candles().getLast()).isEqualTo(candle(AAPL, ShippedSeries.TA4J, CandleInterval.D1,
                "2013-12-31T00:00:00Z", "554.17", "561.28", "554.00", "561.02", "7967300"));
    }

    @Test
    void theDefaultReadsTheShippedDataOnFirstUse() {
        ReplayMarketData shipped = new ReplayMarketData(clock, EUR_USD);

        assertThat(shipped.series()).isEqualTo(SHIPPED);
        assertThat(shipped.lastPrice(BTC_USD).orElseThrow().price()).isEqualByComparingTo("29166.41");
    }

    @Test
    void theLastPriceIsTheCloseOfTheLastCandleClosedByNowDatedWhenItClosed() {
        // the 04:00 candle closed at 08:00; the 08:00 one is still open at 10:00 and must not leak its close
        Quote quote = replay.lastPrice(BTC_USD).orElseThrow();

        assertThat(quote.price()).isEqualByComparingTo("29166.41");
        assertThat(quote.at()).isEqualTo(Instant.parse("2021-01-01T08:00:00Z"));
        assertThat(quote.source()).isEqualTo(ShippedSeries.COINBASE);
        assertThat(quote.stale()).isFalse();
        assertThat(quote.assumed()).isFalse();

        clock.set(Instant.parse("2021-01-01T12:00:00Z"));
        assertThat(replay.lastPrice(BTC_USD).orElseThrow().at()).isEqualTo(Instant.parse("2021-01-01T12:00:00Z"));
    }

    @Test
    void aGapInTheHistoryMakesTheLastPriceStale() {
        // Coinbase's 4-hour series lacks 2018-08-10 04:00 to 16:00
        clock.set(Instant.parse("2018-08-10T12:00:00Z"));

        Quote quote = replay.lastPrice(BTC_USD).orElseThrow();

        assertThat(quote.at()).isEqualTo(Instant.parse("2018-08-10T04:00:00Z"));
        assertThat(quote.stale()).isTrue();
    }

    @Test
    void pastTheEndOfTheDataTheLastCandleIsServedStale() {
        clock.set(Instant.parse("2026-11-21T09:00:00Z"));

        Quote btc = replay.lastPrice(BTC_USD).orElseThrow();
        Quote eth = replay.lastPrice(ETH_USD).orElseThrow();

        // the daily index runs later than Coinbase's 4-hour series, so it is the latest close
        assertThat(btc.price()).isEqualByComparingTo("68663.65");
        assertThat(btc.source()).isEqualTo(ShippedSeries.TRADINGVIEW);
        assertThat(btc.at()).isEqualTo(Instant.parse("2026-03-07T00:00:00Z"));
        assertThat(btc.stale()).isTrue();
        assertThat(eth.price()).isEqualByComparingTo("2036.8");
        assertThat(eth.stale()).isTrue();
    }

    @Test
    void beforeTheDataThereIsNoPrice() {
        clock.set(Instant.parse("2009-01-01T00:00:00Z"));

        assertThat(replay.lastPrice(BTC_USD)).isEmpty();
        assertThat(replay.lastPrice(Instrument.spot("SOL", "USD"))).isEmpty();
        assertThat(replay.candles(BTC_USD, CandleInterval.D1, Instant.parse("2008-01-01T00:00:00Z"),
                Instant.parse("2009-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void servesCandlesAtTheirOwnIntervalHalfOpenAndNeverOneStillOpenAtNow() {
        List<Candle> candles = replay.candles(BTC_USD, CandleInterval.H4, Instant.parse("2021-01-01T00:00:00Z"),
                Instant.parse("2021-01-02T00:00:00Z"));

        assertThat(candles).extracting(Candle::openTime).containsExactly(Instant.parse("2021-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T04:00:00Z"));
        assertThat(candles.getLast().close()).isEqualByComparingTo("29166.41");

        clock.set(Instant.parse("2026-11-21T00:00:00Z"));
        assertThat(replay.candles(BTC_USD, CandleInterval.H4, Instant.parse("2020-03-12T00:00:00Z"),
                Instant.parse("2020-03-12T08:00:00Z"))).hasSize(2);
    }

    @Test
    void buildsDailyCandlesFromFourHourOnes() {
        clock.set(Instant.parse("2026-11-21T00:00:00Z"));

        List<Candle> days = replay.candles(BTC_USD, CandleInterval.D1, Instant.parse("2020-03-12T00:00:00Z"),
                Instant.parse("2020-03-13T00:00:00Z"));

        // 2020-03-12 from its six 4-hour candles: first open, highest high, lowest low, last close, summed volume
        assertThat(days).containsExactly(candle(BTC_USD, ShippedSeries.COINBASE, CandleInterval.D1,
                "2020-03-12T00:00:00Z", "7938.05", "7969.45", "4644", "4857.1", "113902.20332904"));
        List<Candle> sixHours = replay.candles(BTC_USD, CandleInterval.H4, Instant.parse("2020-03-12T00:00:00Z"),
                Instant.parse("2020-03-13T00:00:00Z"));
        assertThat(sixHours).hasSize(6);
        assertThat(days.getFirst().volume()).isEqualByComparingTo(
                sixHours.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void ofTwoSeriesTheOneWithMoreCandlesInTheRangeServesItTiesToTheFirstListed() {
        clock.set(Instant.parse("2026-11-21T00:00:00Z"));

        List<Candle> before = replay.candles(BTC_USD, CandleInterval.D1, Instant.parse("2016-05-10T00:00:00Z"),
                Instant.parse("2016-05-20T00:00:00Z"));
        assertThat(before).hasSize(10).allSatisfy(c -> assertThat(c.source()).isEqualTo(ShippedSeries.TRADINGVIEW));
        assertThat(before.getLast().close()).isEqualByComparingTo("434.55"); // 2016-05-19 in the index file

        List<Candle> both = replay.candles(BTC_USD, CandleInterval.D1, Instant.parse("2020-03-01T00:00:00Z"),
                Instant.parse("2020-04-01T00:00:00Z"));
        assertThat(both).hasSize(31).allSatisfy(c -> assertThat(c.source()).isEqualTo(ShippedSeries.COINBASE));
    }

    @Test
    void theFirstDayOfAFourHourSeriesIsBuiltFromTheCandlesItHas() {
        clock.set(Instant.parse("2026-11-21T00:00:00Z"));
        ReplayMarketData coinbaseOnly = new ReplayMarketData(List.of(SHIPPED.get(0)), clock, EUR_USD);

        Candle first = coinbaseOnly.candles(BTC_USD, CandleInterval.D1, Instant.parse("2016-05-18T00:00:00Z"),
                Instant.parse("2016-05-19T00:00:00Z")).getFirst();

        assertThat(first.open()).isEqualByComparingTo("456.16");
    }

    @Test
    void anIntervalShorterThanEverySeriesIsEmptyAndAnUnknownInstrumentHasNoCandles() {
        Instant from = Instant.parse("2020-03-12T00:00:00Z");
        Instant to = Instant.parse("2020-03-13T00:00:00Z");

        assertThat(replay.candles(BTC_USD, CandleInterval.H1, from, to)).isEmpty();
        assertThat(replay.candles(ETH_USD, CandleInterval.H4, from, to)).isEmpty();
        assertThat(replay.candles(Instrument.spot("BTC", "USDT"), CandleInterval.H4, from, to)).isEmpty();
        assertThat(replay.candles(BTC_USD, CandleInterval.H4, to, to)).isEmpty();
        assertThatThrownBy(() -> replay.candles(BTC_USD, CandleInterval.H4, to, from))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stablecoinsAreAtTheirPegAndTheEuroAtTheConfiguredRateBothFlaggedAssumed() {
        Quote usdt = replay.fx(Asset.USDT, Asset.USD).orElseThrow();
        assertThat(usdt.price()).isEqualByComparingTo("1");
        assertThat(usdt.source()).isEqualTo(Quote.PEG);
        assertThat(usdt.assumed()).isTrue();

        Quote eur = replay.fx(Asset.EUR, Asset.USD).orElseThrow();
        assertThat(eur.price()).isEqualByComparingTo("1.08");
        assertThat(eur.source()).isEqualTo(Quote.CONFIGURED);
        assertThat(eur.assumed()).isTrue();

        Quote usd = replay.fx(Asset.USD, Asset.EUR).orElseThrow();
        assertThat(usd.price()).isEqualByComparingTo(Decimals.divide(BigDecimal.ONE, EUR_USD));
        assertThat(usd.assumed()).isTrue();
    }

    @Test
    void everyPriceBuiltOnAnAssumptionIsFlagged() {
        Quote btcUsdt = replay.lastPrice(Instrument.spot("BTC", "USDT")).orElseThrow();
        assertThat(btcUsdt.price()).isEqualByComparingTo("29166.41");
        assertThat(btcUsdt.assumed()).isTrue();
        assertThat(btcUsdt.source()).isEqualTo(ShippedSeries.COINBASE + "+" + Quote.PEG);

        Quote btcEur = replay.lastPrice(Instrument.spot("BTC", "EUR")).orElseThrow();
        assertThat(btcEur.price()).isEqualByComparingTo(new BigDecimal("29166.41").multiply(
                Decimals.divide(BigDecimal.ONE, EUR_USD)));
        assertThat(btcEur.assumed()).isTrue();
        assertThat(btcEur.source()).isEqualTo(ShippedSeries.COINBASE + "+" + Quote.CONFIGURED);
        assertThat(btcEur.at()).isEqualTo(Instant.parse("2021-01-01T08:00:00Z"));

        // a cross of two real series is no assumption
        Quote ethBtc = replay.lastPrice(Instrument.spot("ETH", "BTC")).orElseThrow();
        assertThat(ethBtc.price()).isEqualByComparingTo(new BigDecimal("737.67").multiply(
                Decimals.divide(BigDecimal.ONE, new BigDecimal("29166.41"))));
        assertThat(ethBtc.assumed()).isFalse();
        assertThat(ethBtc.at()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
    }

    @Test
    void valuationPricesFlagTheirAssumptionsSoAValuationCanSayWhichValuesRestOnThem() {
        MarketPrices prices = replay.prices(Set.of(Asset.BTC, Asset.ETH, Asset.USDT, Asset.of("AAPL")));

        assertThat(prices.quotes()).extracting(Quote::pair, Quote::source, Quote::assumed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AAPL/USD", ShippedSeries.TA4J, false),
                org.assertj.core.groups.Tuple.tuple("BTC/USD", ShippedSeries.COINBASE, false),
                org.assertj.core.groups.Tuple.tuple("ETH/USD", ShippedSeries.COINBASE, false),
                org.assertj.core.groups.Tuple.tuple("EUR/USD", Quote.CONFIGURED, true),
                org.assertj.core.groups.Tuple.tuple("USDT/USD", Quote.PEG, true));
        assertThat(prices.quotes().getFirst().stale()).isTrue();
        assertThat(prices.at()).isEqualTo(clock.now());

        Rate btcUsd = prices.table().rate(Asset.BTC, Asset.USD).orElseThrow();
        Rate btcEur = prices.table().rate(Asset.BTC, Asset.EUR).orElseThrow();
        Rate usdtUsd = prices.table().rate(Asset.USDT, Asset.USD).orElseThrow();
        assertThat(prices.assumed(btcUsd)).isFalse();
        assertThat(prices.assumed(btcEur)).isTrue();
        assertThat(usdtUsd.assumed()).isTrue();

        // the domain's valuation flags the peg on its own: the peg is left out of the table for that
        var account = new dev.bulwark.domain.venues.VenueAccountId(java.util.UUID.fromString(
                "00000000-0000-7000-8000-000000000001"));
        PortfolioValuation valuation = PortfolioValuation.of(new Portfolio(List.of(
                new Holding(account, new dev.bulwark.domain.venues.VenueId("paper"),
                        dev.bulwark.domain.portfolio.AccountKind.SPOT, Asset.USDT, new BigDecimal("100"),
                        BigDecimal.ZERO))), prices.table());
        assertThat(valuation.assumed()).isTrue();
        assertThat(valuation.totalUsd()).isEqualByComparingTo("100");
    }

    @Test
    void aShareIsPricedByItsStockSeries() {
        clock.set(Instant.parse("2013-06-04T12:00:00Z"));

        Quote aapl = replay.lastPrice(AAPL).orElseThrow();

        assertThat(aapl.price()).isEqualByComparingTo("450.72");
        assertThat(aapl.at()).isEqualTo(Instant.parse("2013-06-04T00:00:00Z"));
        assertThat(replay.candles(AAPL, CandleInterval.D1, Instant.parse("2013-05-31T00:00:00Z"),
                Instant.parse("2013-06-04T00:00:00Z"))).extracting(c -> c.close().toPlainString())
                .containsExactly("449.73", "450.72");
    }

    @Test
    void aSeriesRefusesCandlesThatAreNotItsOwnOrOutOfOrder() {
        List<Candle> btc = SHIPPED.get(0).candles().subList(0, 3);

        assertThatThrownBy(() -> new ReplaySeries(ETH_USD, ShippedSeries.COINBASE, CandleInterval.H4, btc))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplaySeries(BTC_USD, ShippedSeries.COINBASE, CandleInterval.H4,
                List.of(btc.get(1), btc.get(0)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplaySeries(BTC_USD, ShippedSeries.COINBASE, CandleInterval.H4,
                List.of(btc.get(0), btc.get(0)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Duration.between(btc.get(0).openTime(), btc.get(2).openTime())).isEqualTo(Duration.ofHours(8));
    }
}
