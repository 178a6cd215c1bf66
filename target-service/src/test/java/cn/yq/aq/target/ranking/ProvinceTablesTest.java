package cn.yq.aq.target.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.web.ErrorResponseException;

/**
 * The province table as the bureau's spreadsheet exports it. The hand-written reader split lines on
 * every comma (a quoted name with a comma was "3 fields") and only knew a BOM as a character.
 */
class ProvinceTablesTest {

    /** The problem's detail (what the bureau's uploader reads); 400 either way. */
    static String problem(ThrowingCallable call) {
        ErrorResponseException e = (ErrorResponseException) org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(e).as("a problem answer").isNotNull();
        assertThat(e.getStatusCode().value()).isEqualTo(400);
        return e.getBody().getDetail();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aQuotedNameWithACommaIsOneField() {
        Map<String, BigDecimal> t = ProvinceTables.fromCsv(utf8("unit,compositeIndex\n\"阳泉市,盂县\",5.12\n平定县,4.98\n"));
        assertThat(t).containsExactly(Map.entry("阳泉市,盂县", new BigDecimal("5.12")), Map.entry("平定县", new BigDecimal("4.98")));
    }

    @Test
    void aUtf8ByteOrderMarkBlankLinesAndWindowsLineEndsAreNotData() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = utf8("unit,compositeIndex\r\n\r\n郊区,4.50\r\n   \r\n矿区 , 6.01\r\n\r\n");
        byte[] body = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(text, 0, body, bom.length, text.length);
        // the header is recognised behind the BOM; spaces around fields are trimmed
        assertThat(ProvinceTables.fromCsv(body)).containsExactly(Map.entry("郊区", new BigDecimal("4.50")),
                Map.entry("矿区", new BigDecimal("6.01")));
    }

    @Test
    void aChineseHeaderIsAHeader() {
        assertThat(ProvinceTables.fromCsv(utf8("单位,综合指数\n城区,5.5\n"))).containsExactly(Map.entry("城区", new BigDecimal("5.5")));
    }

    @Test
    void withoutAHeaderEveryRowIsData() {
        assertThat(ProvinceTables.fromCsv(utf8("城区,5.5\n高新区,3.25"))).hasSize(2).containsEntry("高新区", new BigDecimal("3.25"));
    }

    @Test
    void anUnquotedCommaOrABadNumberSaysWhichRow() {
        assertThat(problem(() -> ProvinceTables.fromCsv(utf8("unit,compositeIndex\n城区,5.5\n阳泉市,盂县,5.12\n")))).contains("row 3: expected 'unit,compositeIndex', found 3 fields");
        assertThat(problem(() -> ProvinceTables.fromCsv(utf8("单位,综合指数\n城区,五点五\n")))).contains("row 2: '五点五' is not a number");
        assertThat(problem(() -> ProvinceTables.fromCsv(utf8("城区,5.5\n城区,5.6\n")))).contains("unit 城区 appears twice");
        assertThat(problem(() -> ProvinceTables.fromCsv(utf8("城区,0\n")))).contains("out of range");
    }

    @Test
    void jsonTablesFollowTheSameRules() {
        assertThat(ProvinceTables.fromJson(utf8("[{\"unit\":\"盂县\",\"compositeIndex\":5.12}]")))
                .containsExactly(Map.entry("盂县", new BigDecimal("5.12")));
        assertThat(problem(() -> ProvinceTables.fromJson(utf8("[{\"unit\":\"盂县\",\"compositeIndex\":\"5.12\"}]")))).contains("item 1 needs a string 'unit' and a number 'compositeIndex'");
    }
}
