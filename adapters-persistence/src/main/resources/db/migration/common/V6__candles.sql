-- Candles: market data by source (a venue, or a replay), instrument, interval and open time. Not owned by a
-- workspace: every workspace reads the same bars. The key is the primary key, which is also the index a range
-- query walks.
CREATE TABLE candles (
    source           VARCHAR(32)              NOT NULL,
    base             VARCHAR(20)              NOT NULL,
    quote            VARCHAR(20)              NOT NULL,
    market           VARCHAR(16)              NOT NULL,
    candle_interval  VARCHAR(3)               NOT NULL,
    open_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    open_price       NUMERIC(38,18)           NOT NULL,
    high_price       NUMERIC(38,18)           NOT NULL,
    low_price        NUMERIC(38,18)           NOT NULL,
    close_price      NUMERIC(38,18)           NOT NULL,
    volume           NUMERIC(38,18)           NOT NULL,
    CONSTRAINT candles_pk PRIMARY KEY (source, base, quote, market, candle_interval, open_time),
    CONSTRAINT candles_interval CHECK (candle_interval IN ('M1', 'M5', 'M15', 'H1', 'H4', 'D1')),
    CONSTRAINT candles_prices CHECK (low_price > 0 AND low_price <= open_price AND low_price <= close_price
        AND high_price >= open_price AND high_price >= close_price AND volume >= 0)
);
