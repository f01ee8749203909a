-- The totals of the fills stored before fill_totals existed (V17), per UTC day (H2 spells the UTC date its own way).
INSERT INTO fill_totals (workspace_id, account_id, trade_day, base, quote, market, side, quantity, notional, fills)
SELECT workspace_id, account_id, CAST(executed_at AT TIME ZONE 'UTC' AS DATE), base, quote, market, side,
       SUM(quantity), CAST(SUM(price * quantity) AS NUMERIC(38,18)), COUNT(*)
FROM fills
GROUP BY workspace_id, account_id, CAST(executed_at AT TIME ZONE 'UTC' AS DATE), base, quote, market, side;
