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
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.paper.PaperSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The paper venue's books as a JSON document, and back. The domain's records carry no annotations, so the sealed
 * types get their type names here (mixins), and assets and instruments, which key several maps, get a text form
 * of their own. Reading runs every domain constructor again: a damaged document fails loudly instead of
 * restoring a book that breaks an invariant.
 */
final class PaperDocuments {
    /** Bumped when the document's shape changes; a reader refuses a format it does not know. */
    static final int FORMAT = 1;

    /** What is stored: the engine's snapshot and, per instrument, the market time already fed to it. */
    record PaperDocument(int format, PaperSnapshot snapshot, Map<Instrument, Instant> processedUntil) {
        PaperDocument {
            processedUntil = Map.copyOf(processedUntil);
        }
    }

    private final ObjectMapper mapper;

    PaperDocuments() {
        SimpleModule module = new SimpleModule("bulwark-paper")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(Instant.class, new InstantDeserializer())
                .addKeySerializer(Instrument.class, new InstrumentKeySerializer())
                .addKeyDeserializer(Instrument.class, new InstrumentKeyDeserializer())
                .addKeyDeserializer(Asset.class, new AssetKeyDeserializer());
        this.mapper = JsonMapper.builder()
                .addModule(module)
                .addMixIn(OrderSize.class, OrderSizeTypes.class)
                .addMixIn(TrailingOffset.class, TrailingOffsetTypes.class)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // records also expose derived isX() values (Money.isZero): written, and ignored on reading
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    String write(PaperDocument document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the paper venue's books: " + e.getOriginalMessage(), e);
        }
    }

    PaperDocument read(String json) {
        PaperDocument document;
        try {
            document = mapper.readValue(json, PaperDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the paper venue's stored books cannot be read: " + e.getOriginalMessage(), e);
        }
        if (document.format() != FORMAT) {
            throw new IllegalStateException("the paper venue's books are in format " + document.format() + ", this version reads " + FORMAT);
        }
        return document;
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
