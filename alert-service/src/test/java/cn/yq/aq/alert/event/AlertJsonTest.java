package cn.yq.aq.alert.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.warning.WarningLevel;
import cn.yq.aq.testsupport.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An alert is the webhook contract's JSON, written and read by Jackson: the level by its code, times at +08:00. */
class AlertJsonTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRedWarningIsTheContractsJsonAndReadsBackTheSame() {
        // 2026-01-10T00:00Z is 08:00 in Beijing
        Alert red = new Alert("a-1", AlertType.HEAVY_POLLUTION_WARNING, new AlertLevel.Warning(WarningLevel.RED), "pingding",
                "pingding", Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"), null,
                "平定县重污染天气红色预警", "…", Map.of("forecastAqi", 320));
        String text = json.writeValueAsString(red);
        JsonNode node = Json.parse(text);
        Json.assertFields(node, "/id", "a-1", "/type", "HEAVY_POLLUTION_WARNING", "/level", "red", "/scope", "pingding",
                "/issuedAt", "2026-01-10T08:00+08:00", "/validFrom", "2026-01-11T08:00+08:00", "/details/forecastAqi", 320);
        assertThat(node.has("validTo")).as("absent times are written as null, as the contract lists every field").isTrue();
        assertThat(node.get("validTo").isNull()).isTrue();
        assertThat(json.readValue(text, Alert.class)).isEqualTo(red);
    }

    @Test
    void theLevelIsReadByTheType() {
        Alert lifted = new Alert("a-2", AlertType.HEAVY_POLLUTION_WARNING, new AlertLevel.Lifted(), "city", null,
                Instant.parse("2026-01-12T04:00:00Z"), null, null, "解除", "…", Map.of());
        Alert offline = new Alert("a-3", AlertType.STATION_OFFLINE, new AlertLevel.Other("offline"), "YQ-PD-01", "pingding",
                Instant.parse("2026-01-12T04:00:00Z"), null, null, "离线", "…", Map.of());
        for (Alert a : new Alert[] {lifted, offline}) {
            Alert back = json.readValue(json.writeValueAsBytes(a), Alert.class);
            assertThat(back).isEqualTo(a);
            assertThat(back.level().getClass()).isEqualTo(a.level().getClass());
        }
        // the same code under another type is another level: "red" of a ranking alert is not a warning
        Alert ranking = json.readValue("{\"id\":\"a-4\",\"type\":\"RANKING\",\"level\":\"red\",\"issuedAt\":\"2026-01-12T12:00+08:00\"}",
                Alert.class);
        assertThat(ranking.level()).isEqualTo(new AlertLevel.Other("red"));
        assertThat(ranking.issuedAt()).isEqualTo(Instant.parse("2026-01-12T04:00:00Z"));
    }
}
