package dev.bulwark.application.signals;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The signal fields of a webhook body, interpreted: {@code action} ({@code buy}, {@code sell} or {@code close}, any
 * case; kept lower case) and {@code symbol} are required; {@code quantity}, {@code price}, {@code stopLoss} and
 * {@code takeProfit} are positive plain decimals (at most 20 integer and 18 decimal digits, no exponent; kept
 * without trailing zeros); {@code orderId} is the sender's id of the order, 1 to {@value #MAX_ORDER_ID} characters
 * without control characters. Other fields are kept in the raw body and otherwise ignored.
 *
 * <p><b>Symbols</b> become {@code BASE/QUOTE}: an exchange prefix ({@code BINANCE:}) and TradingView's perpetual
 * suffix ({@code .P}) are dropped; {@code BTC/USDT}, {@code BTC-USD} and {@code BTC_USDT} split at the separator;
 * a crypto symbol without one ({@code BTCUSDT}) splits before the longest known quote asset it ends with
 * ({@link #CRYPTO_QUOTES}); a stock symbol without one ({@code AAPL}) is quoted in USD. Each part is an asset code
 * (letters and digits, 1 to 20), and the two differ. Which venue symbol that is stays the venue adapter's business.
 */
record SignalFields(String action, String symbol, @Nullable String quantity, @Nullable String price,
                    @Nullable String stopLoss, @Nullable String takeProfit, @Nullable String orderId,
                    String normalizedBody) {

    static final int MAX_ORDER_ID = Signal.MAX_IDEMPOTENCY_KEY - "order:".length();
    static final Set<String> ACTIONS = Set.of("buy", "sell", "close");
    /** Quote assets a crypto symbol without separator may end with, longest first so {@code USDT} wins over {@code USD}. */
    static final List<String> CRYPTO_QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "USDE", "DAI",
            "USD", "EUR", "GBP", "TRY", "BRL", "JPY", "AUD", "BTC", "ETH", "BNB");

    private static final Pattern DECIMAL = Pattern.compile("([+-]?)([0-9]{1,20}(?:\\.[0-9]{0,18})?|\\.[0-9]{1,18})");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,20}");
    private static final Map<String, String> NAMES = Map.of("action", "action", "symbol", "symbol",
            "quantity", "quantity", "price", "price", "stoploss", "stopLoss", "takeprofit", "takeProfit",
            "orderid", "orderId");

    /** The fields of {@code body} interpreted for a bot of {@code type}, or every field error at once. */
    static Result read(WebhookBody body, AssetType type) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, WebhookBody.Field> fields = body.fields();
        String action = text(fields, "action", errors);
        if (action == null) {
            if (!fields.containsKey("action")) {
                errors.add(new FieldError("action", "required: buy, sell or close"));
            }
        } else {
            action = action.strip().toLowerCase(Locale.ROOT);
            if (!ACTIONS.contains(action)) {
                errors.add(new FieldError("action", "unknown action: use buy, sell or close"));
                action = null;
            }
        }
        String rawSymbol = text(fields, "symbol", errors);
        String symbol = null;
        if (rawSymbol == null) {
            if (!fields.containsKey("symbol")) {
                errors.add(new FieldError("symbol", "required, such as BTCUSDT, BINANCE:BTCUSDT, BTC-USD, BTC/USDT or AAPL"));
            }
        } else {
            symbol = symbol(rawSymbol, type);
            if (symbol == null) {
                errors.add(new FieldError("symbol", "not a symbol Bulwark can read: use BTCUSDT, BINANCE:BTCUSDT, "
                        + "BTC-USD, BTC/USDT or AAPL"));
            }
        }
        String quantity = decimal(fields, "quantity", errors);
        String price = decimal(fields, "price", errors);
        String stopLoss = decimal(fields, "stoploss", errors);
        String takeProfit = decimal(fields, "takeprofit", errors);
        String orderId = text(fields, "orderid", errors);
        if (orderId != null) {
            orderId = orderId.strip();
            if (orderId.isEmpty() || orderId.length() > MAX_ORDER_ID || orderId.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("orderId", "1 to " + MAX_ORDER_ID + " characters without control characters"));
                orderId = null;
            }
        }
        if (!errors.isEmpty() || action == null || symbol == null) {
            return new Result(null, errors);
        }
        Map<String, String> canonical = new TreeMap<>();
        fields.forEach((key, field) -> canonical.put(key, field.value()));
        canonical.put("action", action);
        canonical.put("symbol", symbol);
        putIf(canonical, "quantity", quantity);
        putIf(canonical, "price", price);
        putIf(canonical, "stoploss", stopLoss);
        putIf(canonical, "takeprofit", takeProfit);
        putIf(canonical, "orderid", orderId);
        return new Result(new SignalFields(action, symbol, quantity, price, stopLoss, takeProfit, orderId,
                normalized(canonical)), List.of());
    }

    /** Either the fields or what is wrong with them. */
    record Result(@Nullable SignalFields fields, List<FieldError> errors) {
    }

    /** The idempotency key's body part: the SHA-256 (hex) of the fields, sorted, with their values normalized. */
    String bodyHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalizedBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** {@code BASE/QUOTE} of what the sender wrote, or null when it is not a symbol shape we know. */
    static @Nullable String symbol(String raw, AssetType type) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            s = s.substring(colon + 1);
        }
        if (type == AssetType.CRYPTO && s.endsWith(".P")) {
            s = s.substring(0, s.length() - 2);
        }
        String base;
        String quote;
        int separator = indexOfSeparator(s);
        if (separator >= 0) {
            base = s.substring(0, separator);
            quote = s.substring(separator + 1);
        } else if (type == AssetType.STOCKS) {
            base = s;
            quote = "USD";
        } else {
            base = null;
            quote = null;
            for (String known : CRYPTO_QUOTES) {
                if (s.length() > known.length() && s.endsWith(known)) {
                    base = s.substring(0, s.length() - known.length());
                    quote = known;
                    break;
                }
            }
            if (base == null) {
                return null;
            }
        }
        if (!CODE.matcher(base).matches() || !CODE.matcher(quote).matches() || base.equals(quote)) {
            return null;
        }
        return base + "/" + quote;
    }

    private static int indexOfSeparator(String s) {
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '-' || c == '_') {
                if (found >= 0) {
                    return -2 - i; // two separators: no shape we know (made negative and not -1)
                }
                found = i;
            }
        }
        return found;
    }

    private static @Nullable String text(Map<String, WebhookBody.Field> fields, String key, List<FieldError> errors) {
        WebhookBody.Field field = fields.get(key);
        if (field == null) {
            return null;
        }
        if (!field.scalar()) {
            errors.add(new FieldError(NAMES.get(key), "a string or a number"));
            return null;
        }
        if (field.value().isBlank()) {
            errors.add(new FieldError(NAMES.get(key), "must not be blank"));
            return null;
        }
        return field.value();
    }

    private static @Nullable String decimal(Map<String, WebhookBody.Field> fields, String key, List<FieldError> errors) {
        String text = text(fields, key, errors);
        if (text == null) {
            return null;
        }
        String name = NAMES.get(key);
        Matcher m = DECIMAL.matcher(text.strip());
        if (!m.matches()) {
            errors.add(new FieldError(name, "a plain decimal number, at most 20 digits before the point and 18 after"));
            return null;
        }
        BigDecimal value = new BigDecimal(m.group(2).startsWith(".") ? "0" + m.group(2) : m.group(2));
        if (m.group(1).equals("-") || value.signum() == 0) {
            errors.add(new FieldError(name, "must be above 0"));
            return null;
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private static void putIf(Map<String, String> map, String key, @Nullable String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String normalized(Map<String, String> canonical) {
        StringBuilder out = new StringBuilder();
        canonical.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }
}
