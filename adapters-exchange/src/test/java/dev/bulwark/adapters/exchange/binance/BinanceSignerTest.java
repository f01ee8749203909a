package dev.bulwark.adapters.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binance's published HMAC-SHA256 examples (spot API docs, "SIGNED request example (HMAC)"), byte for byte: the
 * documented secret, parameter string and resulting signature.
 */
class BinanceSignerTest {
    static final String DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    static final String DOC_QUERY = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=1499827319559";
    static final String DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    static final String DOC_UNICODE_QUERY = "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY"
            + "&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    static final String DOC_UNICODE_SIGNATURE = "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3";

    @Test
    void signsTheDocumentedAsciiExample() {
        assertThat(new BinanceSigner(DOC_SECRET).sign(DOC_QUERY)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void signsTheDocumentedUnicodeExampleAfterPercentEncodingTheSymbolAsBinanceDoes() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1");
        params.put("price", "0.1");
        params.put("recvWindow", "5000");
        params.put("timestamp", "1499827319559");
        String encoded = BinanceClient.encode(params);

        assertThat(encoded).isEqualTo(DOC_UNICODE_QUERY);
        assertThat(new BinanceSigner(DOC_SECRET).sign(encoded)).isEqualTo(DOC_UNICODE_SIGNATURE);
    }

    @Test
    void aDifferentSecretOrPayloadGivesAnotherSignature() {
        assertThat(new BinanceSigner(DOC_SECRET + "x").sign(DOC_QUERY)).isNotEqualTo(DOC_SIGNATURE);
        assertThat(new BinanceSigner(DOC_SECRET).sign(DOC_QUERY.replace("price=0.1", "price=0.2"))).isNotEqualTo(DOC_SIGNATURE);
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new BinanceSigner(DOC_SECRET).toString()).doesNotContain(DOC_SECRET);
    }
}
