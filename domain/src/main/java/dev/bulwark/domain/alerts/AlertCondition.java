package dev.bulwark.domain.alerts;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/** What an alert waits for. Thresholds are normalized, so equal conditions compare equal. */
public sealed interface AlertCondition {

    /** The instrument's last price rose above {@code price} (in its quote asset). */
    record PriceAbove(Instrument instrument, BigDecimal price) implements AlertCondition {
        public PriceAbove {
            Objects.requireNonNull(instrument, "instrument");
            price = Decimals.requirePositive(price, "price");
        }
    }

    /** The instrument's last price fell below {@code price} (in its quote asset). */
    record PriceBelow(Instrument instrument, BigDecimal price) implements AlertCondition {
        public PriceBelow {
            Objects.requireNonNull(instrument, "instrument");
            price = Decimals.requirePositive(price, "price");
        }
    }

    /** The workspace's portfolio, valued in US dollars, fell below {@code usd}. */
    record PortfolioValueBelow(BigDecimal usd) implements AlertCondition {
        public PortfolioValueBelow {
            usd = Decimals.requirePositive(usd, "usd");
        }
    }

    /** Today's loss exceeds this share of the day's starting equity, above 0 and at most 1. */
    record DailyLossAbove(BigDecimal share) implements AlertCondition {
        public DailyLossAbove {
            share = Decimals.requirePositive(share, "share");
            if (share.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a daily loss share is above 0 and at most 1, was " + share.toPlainString());
            }
        }
    }
}
