package dev.bulwark.adapters.exchange.xchange;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.account.AccountInfo;
import org.knowm.xchange.dto.account.Balance;
import org.knowm.xchange.dto.account.Wallet;
import org.knowm.xchange.dto.marketdata.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** XChange's generic DTOs in domain terms (XChange's own connectors keep the same split: raw, adapters, errors). */
final class XChangeAdapters {
    private static final Logger LOG = LoggerFactory.getLogger(XChangeAdapters.class);

    private XChangeAdapters() {
    }

    static CurrencyPair pair(Instrument instrument) {
        return new CurrencyPair(instrument.base().code(), instrument.quote().code());
    }

    /**
     * One SPOT holding per asset with anything in it, summed over the account's wallets (KuCoin's "main" and
     * "trade" both hold spot assets; the portfolio keeps one line per account, kind and asset). Free is XChange's
     * available, locked the rest of the total; a currency code outside our alphabet is skipped.
     */
    static List<Holding> holdings(VenueId venue, VenueAccountId account, AccountInfo info) {
        Map<Asset, BigDecimal[]> sums = new TreeMap<>();
        for (Wallet wallet : info.getWallets().values()) {
            for (Balance balance : wallet.getBalances().values()) {
                Asset asset;
                try {
                    asset = Asset.of(balance.getCurrency().getCurrencyCode());
                } catch (IllegalArgumentException e) {
                    LOG.debug("{}: skipping a balance in a currency code Bulwark does not take", venue);
                    continue;
                }
                BigDecimal total = nonNegative(balance.getTotal());
                BigDecimal free = nonNegative(balance.getAvailable()).min(total);
                BigDecimal[] sum = sums.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sum[0] = sum[0].add(free);
                sum[1] = sum[1].add(total.subtract(free));
            }
        }
        List<Holding> holdings = new ArrayList<>();
        sums.forEach((asset, sum) -> {
            if (sum[0].signum() > 0 || sum[1].signum() > 0) {
                holdings.add(new Holding(account, venue, AccountKind.SPOT, asset, sum[0], sum[1]));
            }
        });
        return List.copyOf(holdings);
    }

    /** The ticker's last trade price; empty when there is none (no trade yet, an unlisted pair answered blank). */
    static Optional<BigDecimal> lastPrice(@Nullable Ticker ticker) {
        if (ticker == null || ticker.getLast() == null || ticker.getLast().signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(ticker.getLast().stripTrailingZeros());
    }

    private static BigDecimal nonNegative(@Nullable BigDecimal value) {
        return value == null || value.signum() < 0 ? BigDecimal.ZERO : value;
    }
}
