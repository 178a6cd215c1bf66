package cn.yq.aq.alert.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.warning.WarningLevel;

/** A warning's level keeps its type from the contract's code to the channel's text, and back. */
class AlertLevelTest {

    @Test
    void theContractsCodesReadBackAsTheTypedLevel() {
        assertThat(AlertLevel.of(AlertType.HEAVY_POLLUTION_WARNING, "red")).isEqualTo(new AlertLevel.Warning(WarningLevel.RED));
        assertThat(AlertLevel.of(AlertType.HEAVY_POLLUTION_WARNING, "lifted")).isEqualTo(new AlertLevel.Lifted());
        assertThat(AlertLevel.of(AlertType.HEAVY_POLLUTION_WARNING, "advice")).isEqualTo(new AlertLevel.Advice());
        // another type's level is its own code, even where it reads like a colour
        assertThat(AlertLevel.of(AlertType.RANKING, "red")).isEqualTo(new AlertLevel.Other("red"));
        for (WarningLevel l : WarningLevel.values()) {
            AlertLevel level = AlertLevel.warning(l);
            assertThat(AlertLevel.of(AlertType.HEAVY_POLLUTION_WARNING, level.code())).isEqualTo(level);
        }
        assertThat(AlertLevel.warning(WarningLevel.NONE).code()).isEqualTo("lifted");
    }

    @Test
    void whatTheChannelsShow() {
        assertThat(AlertLevel.warning(WarningLevel.ORANGE).warningZh()).contains("橙色预警");
        assertThat(AlertLevel.warning(WarningLevel.NONE).warningZh()).contains("解除预警");
        assertThat(new AlertLevel.Other("failed").warningZh()).isEmpty();
        assertThat(AlertLevel.warning(WarningLevel.RED).hex()).isEqualTo("#FF0000");
        assertThat(AlertLevel.warning(WarningLevel.NONE).wecomColour()).isEqualTo("info");
        assertThat(AlertLevel.warning(WarningLevel.YELLOW).wecomColour()).isEqualTo("warning");
        assertThat(new AlertLevel.Other("offline").wecomColour()).isEqualTo("comment");
        assertThat(AlertLevel.warning(WarningLevel.RED).callsPeople()).isTrue();
        assertThat(AlertLevel.warning(WarningLevel.ORANGE).callsPeople()).isFalse();
    }

    @Test
    void aMinimumLevelLetsThroughItselfAndAboveAndEveryLifting() {
        assertThat(AlertLevel.warning(WarningLevel.YELLOW).reaches(WarningLevel.ORANGE)).isFalse();
        assertThat(AlertLevel.warning(WarningLevel.ORANGE).reaches(WarningLevel.ORANGE)).isTrue();
        assertThat(AlertLevel.warning(WarningLevel.RED).reaches(WarningLevel.ORANGE)).isTrue();
        assertThat(AlertLevel.warning(WarningLevel.NONE).reaches(WarningLevel.RED)).isTrue();
        assertThat(new AlertLevel.Advice().reaches(WarningLevel.RED)).isTrue();
    }
}
