package dev.bulwark.adapters.exchange.paper;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.paper.PaperSnapshot;
import dev.bulwark.domain.paper.Settled;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paper venue's books as a JSON document, and its settled orders and fills as history entries, and back. The
 * domain's records carry no annotations, so the sealed types get their type names here (mixins), and assets and
 * instruments, which key several maps, get a text form of their own. Reading runs every domain constructor again: a
 * damaged document fails loudly instead of restoring a book that breaks an invariant.
 *
 * <p>One mapper for the whole process: a Jackson mapper is thread-safe once configured, and each one introspects
 * every class it meets again, which a mapper per gateway (per job) paid for over and over.
 */
final class PaperDocuments {
    /**
     * Bumped when the document's shape changes; a reader refuses a format it does not know. Format 2 holds only what
     * is live: settled orders and fills are history entries. Format 1 held every order and fill; it reads the same
     * way, and the first save after it settles them into the history.
     */
    static final int FORMAT = 2;
    /** Still read; never written. */
    static final int FORMAT_1 = 1;

    /** What is stored: the engine's snapshot and, per instrument, the market time already fed to it. */
    record PaperDocument(int format, PaperSnapshot snapshot, Map<Instrument, Instant> processedUntil) {
        PaperDocument {
            processedUntil = Map.copyOf(processedUntil);
        }
    }

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter DOCUMENT_WRITER = MAPPER.writerFor(PaperDocument.class);
    private static final ObjectReader DOCUMENT_READER = MAPPER.readerFor(PaperDocument.class);
    private static final ObjectWriter ORDER_WRITER = MAPPER.writerFor(Order.class);
    private static final ObjectReader ORDER_READER = MAPPER.readerFor(Order.class);
    private static final ObjectWriter FILL_WRITER = MAPPER.writerFor(Fill.class);
    private static final ObjectReader FILL_READER = MAPPER.readerFor(Fill.class);

    private PaperDocuments() {
    }

    private static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("bulwark-paper")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(Instant.class, new InstantDeserializer())
                .addKeySerializer(Instrument.class, new InstrumentKeySerializer())
                .addKeyDeserializer(Instrument.class, new InstrumentKeyDeserializer())
                .addKeyDeserializer(Asset.class, new AssetKeyDeserializer());
        return JsonMapper.builder()
                .addModule(module)
                .addMixIn(OrderSize.class, OrderSizeTypes.class)
                .addMixIn(TrailingOffset.class, TrailingOffsetTypes.class)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // records also expose derived isX() values (Money.isZero): written, and ignored on reading
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    static String write(PaperDocument document) {
        return write(DOCUMENT_WRITER, document, "books");
    }

    static PaperDocument read(String json) {
        PaperDocument document = read(DOCUMENT_READER, json, "books");
        if (document.format() != FORMAT && document.format() != FORMAT_1) {
            throw new IllegalStateException("the paper venue's books are in format " + document.format()
                    + ", this version reads " + FORMAT_1 + " and " + FORMAT);
        }
        return document;
    }

    /**
     * The history entries of what settled: its orders (placement order), then its fills (in the order they happened).
     * An entry's time, a key only, is cut to the microsecond SQL keeps (fills are timed to the nanosecond along a
     * candle), so a store never rounds it up past the exact time its document holds.
     */
    static List<PaperHistoryEntry> entries(Settled settled) {
        List<PaperHistoryEntry> entries = new ArrayList<>(settled.orders().size() + settled.fills().size());
        for (Order order : settled.orders()) {
            entries.add(PaperHistoryEntry.order(order.id().value().toString(), order.clientOrderId(), order.instrument(),
                    order.updatedAt().truncatedTo(ChronoUnit.MICROS), write(ORDER_WRITER, order, "order")));
        }
        for (Fill fill : settled.fills()) {
            entries.add(PaperHistoryEntry.fill(fill.tradeId(), fill.instrument(), fill.time().truncatedTo(ChronoUnit.MICROS),
                    write(FILL_WRITER, fill, "fill")));
        }
        return entries;
    }

    static Order order(PaperHistoryEntry entry) {
        if (entry.kind() != PaperHistoryEntry.Kind.ORDER) {
            throw new IllegalArgumentException("not an order: " + entry.kind() + " " + entry.id());
        }
        return read(ORDER_READER, entry.document(), "settled order");
    }

    static Fill fill(PaperHistoryEntry entry) {
        if (entry.kind() != PaperHistoryEntry.Kind.FILL) {
            throw new IllegalArgumentException("not a fill: " + entry.kind() + " " + entry.id());
        }
        return read(FILL_READER, entry.document(), "settled fill");
    }

    private static String write(ObjectWriter writer, Object value, String what) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the paper venue's " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, String json, String what) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the paper venue's stored " + what + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = OrderSize.OfQuantity.class, name = "quantity"),
        @JsonSubTypes.Type(value = OrderSize.OfQuoteAmount.class, name = "quote-amount")})
    private abstract static class OrderSizeTypes {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = TrailingOffset.ByAmount.class, name = "amount"),
        @JsonSubTypes.Type(value = TrailingOffset.ByPercent.class, name = "percent")})
    private abstract static class TrailingOffsetTypes {
    }

    /** {@code BASE/QUOTE@MARKET}: a symbol alone would confuse spot and futures. */
    static String keyOf(Instrument instrument) {
        return instrument.symbol() + "@" + instrument.market().name();
    }

    static Instrument instrumentOf(String key) {
        int at = key.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("an instrument key is BASE/QUOTE@MARKET, was '" + key + "'");
        }
        return Instrument.parse(key.substring(0, at), Market.valueOf(key.substring(at + 1)));
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }

    private static final class InstrumentKeySerializer extends JsonSerializer<Instrument> {
        @Override
        public void serialize(Instrument value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeFieldName(keyOf(value));
        }
    }

    private static final class InstrumentKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return instrumentOf(key);
        }
    }

    private static final class AssetKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return new Asset(key);
        }
    }
}
