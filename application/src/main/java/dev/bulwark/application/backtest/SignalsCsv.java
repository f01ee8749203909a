package dev.bulwark.application.backtest;

import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.backtest.TradeSignal;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV of alerts (see {@link dev.bulwark.ports.driving.backtest.StrategySpec.SignalsCsvSpec}) into trade
 * signals. Plain text, split by hand: the alert formats we take hold no quoted commas, and the application parses
 * no JSON or CSV library's dialect. Every problem of every line is collected, so a user fixes the file in one go.
 */
final class SignalsCsv {
    static final String FIELD = "strategy.csv";
    private static final List<String> COLUMNS = List.of("time", "action", "symbol", "quantity", "stoploss", "takeprofit");
    /** Amounts beyond this would only be typos; a bound also keeps a hostile exponent from exhausting memory. */
    private static final int MAX_SCALE = 18;
    private static final int MAX_INTEGER_DIGITS = 20;

    /** One alert, with its line in the file (the header is line 1). */
    record Line(int number, TradeSignal signal) {
    }

    /** The alerts in the order to act on them (time, then line), or the problems; never both. */
    record Parsed(List<Line> lines, List<FieldError> errors) {
        Parsed {
            lines = List.copyOf(lines);
            errors = List.copyOf(errors);
        }
    }

    private SignalsCsv() {
    }

    /**
     * @param sizingGiven whether the backtest can size a buy that names no quantity
     */
    static Parsed parse(String csv, Instrument instrument, boolean sizingGiven) {
        List<FieldError> errors = new ArrayList<>();
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] rows = text.split("\n", -1);
        int headerAt = -1;
        for (int i = 0; i < rows.length && headerAt < 0; i++) {
            if (!strip(rows[i]).isBlank()) {
                headerAt = i;
            }
        }
        if (headerAt < 0) {
            return new Parsed(List.of(), List.of(new FieldError(FIELD, "the CSV is empty: it needs a header line"
                    + " (time,action,symbol,quantity,stopLoss,takeProfit) and at least one alert")));
        }
        Header columns = header(cells(rows[headerAt]), headerAt + 1, errors);
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = headerAt + 1; i < rows.length; i++) {
            if (strip(rows[i]).isBlank()) {
                continue;
            }
            Line line = line(i + 1, cells(rows[i]), columns, instrument, sizingGiven, errors);
            if (line != null) {
                lines.add(line);
            }
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError(FIELD, "the CSV has a header but no alert lines"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(List.of(), errors);
        }
        lines.sort(Comparator.comparing((Line l) -> l.signal().at()).thenComparingInt(Line::number));
        return new Parsed(lines, List.of());
    }

    /** Where each named column is, and how many cells every line has. */
    private record Header(Map<String, Integer> columns, int size) {
    }

    private static Header header(List<String> names, int number, List<FieldError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i);
            String name = raw.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
            if (!COLUMNS.contains(name)) {
                errors.add(error(number, "column '" + raw + "' is not one of time, action, symbol, quantity, stopLoss,"
                        + " takeProfit"));
            } else if (columns.putIfAbsent(name, i) != null) {
                errors.add(error(number, "column '" + raw + "' appears twice"));
            }
        }
        for (String required : List.of("time", "action")) {
            if (!columns.containsKey(required)) {
                errors.add(error(number, "the header has no '" + required + "' column"));
            }
        }
        return new Header(Map.copyOf(columns), names.size());
    }

    private static @Nullable Line line(int number, List<String> cells, Header columns,
            Instrument instrument, boolean sizingGiven, List<FieldError> errors) {
        int expected = columns.size();
        if (cells.size() != expected) {
            errors.add(error(number, "expected " + expected + " cells as the header has, found " + cells.size()));
            return null;
        }
        int before = errors.size();
        Instant at = time(number, cell(cells, columns, "time"), errors);
        SignalAction action = action(number, cell(cells, columns, "action"), errors);
        String symbol = cell(cells, columns, "symbol");
        if (!symbol.isEmpty() && !symbol.replace(" ", "").equalsIgnoreCase(instrument.symbol())) {
            errors.add(error(number, "symbol '" + symbol + "' is not this backtest's " + instrument.symbol()));
        }
        BigDecimal quantity = amount(number, "quantity", cell(cells, columns, "quantity"), errors);
        BigDecimal stopLoss = amount(number, "stopLoss", cell(cells, columns, "stoploss"), errors);
        BigDecimal takeProfit = amount(number, "takeProfit", cell(cells, columns, "takeprofit"), errors);
        if (action != null && action != SignalAction.BUY && (stopLoss != null || takeProfit != null)) {
            errors.add(error(number, "stopLoss and takeProfit protect a buy; a " + action.name().toLowerCase(Locale.ROOT)
                    + " on spot opens nothing to protect"));
        }
        if (action == SignalAction.BUY && stopLoss != null && takeProfit != null && stopLoss.compareTo(takeProfit) >= 0) {
            errors.add(error(number, "a buy's stopLoss " + stopLoss.toPlainString() + " must lie below its takeProfit "
                    + takeProfit.toPlainString()));
        }
        if (action == SignalAction.BUY && quantity == null && !sizingGiven) {
            errors.add(error(number, "the buy names no quantity and the backtest has no sizing to size it"));
        }
        if (errors.size() > before || at == null || action == null) {
            return null;
        }
        return new Line(number, new TradeSignal(at, action, instrument, quantity, stopLoss, takeProfit));
    }

    private static @Nullable Instant time(int number, String value, List<FieldError> errors) {
        if (value.isEmpty()) {
            errors.add(error(number, "time is required"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notADateTime) {
                errors.add(error(number, "time '" + value + "' is not an ISO-8601 instant such as 2024-03-01T12:00:00Z"));
                return null;
            }
        }
    }

    private static @Nullable SignalAction action(int number, String value, List<FieldError> errors) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "buy" -> SignalAction.BUY;
            case "sell" -> SignalAction.SELL;
            case "close" -> SignalAction.CLOSE;
            case "" -> {
                errors.add(error(number, "action is required"));
                yield null;
            }
            default -> {
                errors.add(error(number, "action '" + value + "' is not buy, sell or close"));
                yield null;
            }
        };
    }

    private static @Nullable BigDecimal amount(int number, String name, String value, List<FieldError> errors) {
        if (value.isEmpty()) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            errors.add(error(number, name + " '" + value + "' is not a number"));
            return null;
        }
        if (amount.signum() <= 0) {
            errors.add(error(number, name + " " + value + " must be positive"));
            return null;
        }
        BigDecimal normalized = Decimals.normalize(amount);
        if (normalized.scale() > MAX_SCALE || normalized.precision() - normalized.scale() > MAX_INTEGER_DIGITS) {
            errors.add(error(number, name + " " + value + " has more than " + MAX_SCALE + " decimals or "
                    + MAX_INTEGER_DIGITS + " integer digits"));
            return null;
        }
        return normalized;
    }

    private static String cell(List<String> cells, Header header, String name) {
        Integer index = header.columns().get(name);
        return index == null ? "" : cells.get(index);
    }

    /** The cells of one row, each trimmed and without surrounding double quotes. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : strip(row).split(",", -1)) {
            String value = cell.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).strip();
            }
            cells.add(value);
        }
        return cells;
    }

    private static String strip(String row) {
        return row.endsWith("\r") ? row.substring(0, row.length() - 1) : row;
    }

    private static FieldError error(int line, String message) {
        return new FieldError(FIELD, "line " + line + ": " + message);
    }
}
