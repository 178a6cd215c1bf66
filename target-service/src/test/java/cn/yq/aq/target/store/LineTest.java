package cn.yq.aq.target.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Line protocol as InfluxDB 1.x reads it, written out by hand. */
class LineTest {

    @Test
    void escapesWhatLineProtocolRequiresAndTypesEachField() {
        // measurement: commas and spaces escaped; tags: commas, spaces and equals signs; a string field: quotes and
        // backslashes; integers with i; doubles as plain decimals (0.0005, not 5.0E-4); NaN left out
        String line = Line.of("aqi daily,x").tag("scope", "county").tag("id", "a b,c=d")
                .field("valid", true).field("standard", "HJ 633-2012 \"quoted\" \\ back").field("aqi", 112L)
                .field("pm25", 84.0).field("co", 0.0005).field("so2", 12_345_678.5).field("nan", Double.NaN).at(1_762_700_000_000L);
        assertThat(line).isEqualTo("aqi\\ daily\\,x,scope=county,id=a\\ b\\,c\\=d valid=true,standard=\"HJ 633-2012 \\\"quoted\\\" \\\\ back\","
                + "aqi=112i,pm25=84.0,co=0.0005,so2=12345678.5 1762700000000");
    }

    @Test
    void tagsComeFirstAndALineNeedsAField() {
        assertThat(Line.of("m").tag("a", "b").at(1)).isNull();
        assertThatThrownBy(() -> Line.of("m").field("v", 1L).tag("a", "b")).isInstanceOf(IllegalStateException.class);
    }
}
