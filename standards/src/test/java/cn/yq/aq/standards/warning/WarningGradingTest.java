package cn.yq.aq.standards.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading.DailyAqi;

/** Grading examples worked out from 环大气〔2024〕6号 and 环办大气函〔2019〕648号. */
class WarningGradingTest {

    private final WarningGrading g2024 = WarningGrading.of2024();
    private final WarningGrading g2019 = WarningGrading.of2019();

    @Test
    void grading2024() {
        // > 200 on 4 days (≥ 3) and > 300 on 2 (≥ 1): red
        assertThat(g2024.level(List.of(243, 276, 338, 310))).isEqualTo(WarningLevel.RED);
        // > 200 on 3 days but never > 300: not red; > 200 for ≥ 2 days: orange
        assertThat(g2024.level(List.of(229, 293, 292))).isEqualTo(WarningLevel.ORANGE);
        // > 150 for 3 days (72 h): orange
        assertThat(g2024.level(List.of(160, 170, 180))).isEqualTo(WarningLevel.ORANGE);
        // > 150 for 2 days (48 h): yellow; one day > 200: yellow
        assertThat(g2024.level(List.of(160, 170))).isEqualTo(WarningLevel.YELLOW);
        assertThat(g2024.level(List.of(120, 210, 90))).isEqualTo(WarningLevel.YELLOW);
        // > 300 on 2 days but > 200 for only 2: orange, not red
        assertThat(g2024.level(List.of(310, 320))).isEqualTo(WarningLevel.ORANGE);
        // broken runs: 190, 140, 190 never has two consecutive days > 150
        assertThat(g2024.level(List.of(190, 140, 190))).isEqualTo(WarningLevel.NONE);
        // exactly 200 and 150 are not "above"
        assertThat(g2024.level(List.of(200, 150, 150))).isEqualTo(WarningLevel.NONE);
        // the > 300 day must be inside the > 200 run: 250, 260, 270 | 100 | 350 is orange
        assertThat(g2024.level(List.of(250, 260, 270, 100, 350))).isEqualTo(WarningLevel.ORANGE);
    }

    @Test
    void grading2019() {
        // > 200 on 4 days and > 300 on 2: red
        assertThat(g2019.level(List.of(243, 276, 338, 310))).isEqualTo(WarningLevel.RED);
        // > 200 for 3 days: orange
        assertThat(g2019.level(List.of(229, 293, 292))).isEqualTo(WarningLevel.ORANGE);
        // > 200 for 2 days: yellow; one day > 200 is below yellow in 2019 (yellow in 2024)
        assertThat(g2019.level(List.of(210, 220))).isEqualTo(WarningLevel.YELLOW);
        assertThat(g2019.level(List.of(210))).isEqualTo(WarningLevel.NONE);
        // > 150 days count for nothing in 2019
        assertThat(g2019.level(List.of(160, 170, 180))).isEqualTo(WarningLevel.NONE);
        // reaching 500 on one day: red
        assertThat(g2019.level(List.of(500))).isEqualTo(WarningLevel.RED);
    }

    @Test
    void ozoneDrivenEpisodesAreFlagged() {
        var ozone = g2024.assess(List.of(new DailyAqi(210, Pollutant.O3), new DailyAqi(220, Pollutant.O3)));
        assertThat(ozone.level()).isEqualTo(WarningLevel.ORANGE);
        assertThat(ozone.ozoneDriven()).isTrue();
        var mixed = g2024.assess(List.of(new DailyAqi(210, Pollutant.O3), new DailyAqi(220, Pollutant.PM25)));
        assertThat(mixed.ozoneDriven()).isFalse();
    }

    @Test
    void liftingNeedsMoreThan36HoursBelowTheTrigger() {
        // two forecast days (48 h > 36 h) at or below 150: the red warning may be lifted
        assertThat(g2024.mayLift(WarningLevel.RED, List.of(140, 120))).isTrue();
        // one day only covers 24 h: not yet
        assertThat(g2024.mayLift(WarningLevel.RED, List.of(140))).isFalse();
        // 180, 190 still meets yellow (> 150 for 48 h): downgrade, not lift
        assertThat(g2024.mayLift(WarningLevel.RED, List.of(180, 190))).isFalse();
        // 2019 red: 250 then 100 is no level, but the first day is above the 200 trigger
        assertThat(g2019.mayLift(WarningLevel.RED, List.of(250, 100))).isFalse();
        assertThat(g2024.mayLift(WarningLevel.NONE, List.of(50, 50))).isFalse();
    }

    @Test
    void levelNames() {
        assertThat(WarningLevel.RED.nameZh()).isEqualTo("红色预警");
        assertThat(WarningLevel.ORANGE.gradeZh()).isEqualTo("II级");
        assertThat(WarningLevel.YELLOW.code()).isEqualTo("yellow");
    }
}
