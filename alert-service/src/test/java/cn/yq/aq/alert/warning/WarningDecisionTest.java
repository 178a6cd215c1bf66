package cn.yq.aq.alert.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.yq.aq.alert.warning.WarningDecision.Action;
import cn.yq.aq.alert.warning.WarningDecision.Day;
import cn.yq.aq.alert.warning.WarningDecision.Outcome;
import cn.yq.aq.alert.event.AlertLevel;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * Every transition of the warning decision, without a broker, for both gradings. The thresholds
 * come from the documents: 环大气〔2024〕6号 yellow AQI &gt; 200 one day or &gt; 150 two days, orange
 * &gt; 200 two days or &gt; 150 three days, red &gt; 200 three days with &gt; 300 one day; 环办大气函〔2019〕648号
 * yellow &gt; 200 two days, orange three days, red four days with &gt; 300 two days (or &gt; 500 one day);
 * both lift when the days ahead stay at or below the level's lowest trigger for more than 36 h (two days).
 */
class WarningDecisionTest {

    static final WarningGrading G2024 = WarningGrading.of2024();
    static final WarningGrading G2019 = WarningGrading.of2019();
    static final LocalDate D = LocalDate.of(2026, 12, 5);

    /** Consecutive forecast days from D with these AQIs, PM2.5 primary. */
    static List<Day> days(int... aqi) {
        return days(Pollutant.PM25, aqi);
    }

    static List<Day> days(Pollutant primary, int... aqi) {
        List<Day> out = new ArrayList<>();
        for (int i = 0; i < aqi.length; i++) {
            out.add(new Day(D.plusDays(i), aqi[i], primary, false));
        }
        return out;
    }

    static Outcome decide(WarningGrading g, WarningLevel current, List<Day> days, boolean mayLower) {
        return WarningDecision.decide(g, current, false, days, mayLower);
    }

    @Test
    void issue2024() {
        // one day 210 > 200: yellow
        Outcome o = decide(G2024, WarningLevel.NONE, days(210, 120), true);
        assertThat(o.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.ISSUED);
        assertThat(o.transitions().get(0).alertLevel()).isEqualTo(new AlertLevel.Warning(WarningLevel.YELLOW));
        assertThat(o.level()).isEqualTo(WarningLevel.YELLOW);
        // two days > 150 (160, 170) but none > 200: also yellow (48 h)
        assertThat(decide(G2024, WarningLevel.NONE, days(160, 170, 100), true).level()).isEqualTo(WarningLevel.YELLOW);
        // one day 160 only: nothing
        assertThat(decide(G2024, WarningLevel.NONE, days(160, 100), true).transitions()).isEmpty();
    }

    @Test
    void upgrade2024ToOrangeThenRed() {
        // two days > 200 (210, 220): orange, from yellow an upgrade
        Outcome orange = decide(G2024, WarningLevel.YELLOW, days(210, 220, 120), false);
        assertThat(orange.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.UPGRADED);
        assertThat(orange.transitions().get(0).from()).isEqualTo(WarningLevel.YELLOW);
        assertThat(orange.level()).isEqualTo(WarningLevel.ORANGE);
        // three days > 200 with one > 300 (210, 220, 310): red; an observation may raise it too (mayLower false)
        Outcome red = decide(G2024, WarningLevel.ORANGE, days(210, 220, 310), false);
        assertThat(red.transitions().get(0).alertLevel()).isEqualTo(new AlertLevel.Warning(WarningLevel.RED));
        assertThat(red.level()).isEqualTo(WarningLevel.RED);
        // straight from none to red is an issue, not an upgrade
        assertThat(decide(G2024, WarningLevel.NONE, days(243, 276, 338, 310), true).transitions())
                .extracting(WarningDecision.Transition::action).containsExactly(Action.ISSUED);
    }

    @Test
    void downgradeOnlyOnAForecast() {
        // red, the new forecast meets orange only (220, 230 > 200 two days): downgraded
        Outcome o = decide(G2024, WarningLevel.RED, days(220, 230, 120), true);
        assertThat(o.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.DOWNGRADED);
        assertThat(o.transitions().get(0).alertLevel()).isEqualTo(new AlertLevel.Warning(WarningLevel.ORANGE));
        assertThat(o.level()).isEqualTo(WarningLevel.ORANGE);
        // the same days as an hourly observation: no change (no flapping)
        Outcome observed = decide(G2024, WarningLevel.RED, days(220, 230, 120), false);
        assertThat(observed.transitions()).isEmpty();
        assertThat(observed.level()).isEqualTo(WarningLevel.RED);
    }

    @Test
    void liftWhenTheDaysAheadStayLowForMoreThan36Hours() {
        // orange (lowest trigger 150): 100, 90 cover two days ≤ 150 and meet no level: lifted
        Outcome lifted = decide(G2024, WarningLevel.ORANGE, days(100, 90), true);
        assertThat(lifted.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.LIFTED);
        assertThat(lifted.transitions().get(0).alertLevel()).isEqualTo(new AlertLevel.Lifted());
        assertThat(lifted.level()).isEqualTo(WarningLevel.NONE);
        // only one day ahead (24 h, not more than 36 h): it stays
        assertThat(decide(G2024, WarningLevel.ORANGE, days(100), true).transitions()).isEmpty();
        // 140 then 160: the second day is above orange's lowest trigger 150: it stays
        Outcome stays = decide(G2024, WarningLevel.ORANGE, days(140, 160), true);
        assertThat(stays.transitions()).isEmpty();
        assertThat(stays.level()).isEqualTo(WarningLevel.ORANGE);
        // red, then 180 and 170: two days > 150 still meet yellow: downgraded to yellow, not lifted
        Outcome yellow = decide(G2024, WarningLevel.RED, days(180, 170), true);
        assertThat(yellow.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.DOWNGRADED);
        assertThat(yellow.level()).isEqualTo(WarningLevel.YELLOW);
        // red, then 140 and 130: no level met, both ≤ red's lowest trigger 200: lifted
        assertThat(decide(G2024, WarningLevel.RED, days(140, 130), true).level()).isEqualTo(WarningLevel.NONE);
        // an observation never lifts
        assertThat(decide(G2024, WarningLevel.ORANGE, days(100, 90), false).transitions()).isEmpty();
    }

    @Test
    void anOzoneEpisodeGivesOneHealthAdviceNotAColour() {
        // 2024: 210 with O3 primary meets yellow, but ozone-driven: advice, level stays none
        Outcome o = WarningDecision.decide(G2024, WarningLevel.NONE, false, days(Pollutant.O3, 210, 120), true);
        assertThat(o.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.ADVICE);
        assertThat(o.transitions().get(0).alertLevel()).isEqualTo(new AlertLevel.Advice());
        assertThat(o.transitions().get(0).assessed()).isEqualTo(WarningLevel.YELLOW);
        assertThat(o.level()).isEqualTo(WarningLevel.NONE);
        assertThat(o.advice()).isTrue();
        // the same episode again: no second advice
        Outcome again = WarningDecision.decide(G2024, WarningLevel.NONE, true, days(Pollutant.O3, 210, 120), true);
        assertThat(again.transitions()).isEmpty();
        assertThat(again.advice()).isTrue();
        // the episode over: the advice flag clears, so the next ozone episode is advised again
        assertThat(WarningDecision.decide(G2024, WarningLevel.NONE, true, days(80, 90), true).advice()).isFalse();
    }

    @Test
    void aRepeatedForecastChangesNothing() {
        Outcome first = decide(G2024, WarningLevel.NONE, days(210, 220, 120), true);
        assertThat(first.level()).isEqualTo(WarningLevel.ORANGE);
        Outcome repeated = decide(G2024, first.level(), days(210, 220, 120), true);
        assertThat(repeated.transitions()).isEmpty();
        assertThat(repeated.level()).isEqualTo(WarningLevel.ORANGE);
    }

    @Test
    void theTransitionsOf2019() {
        // one day > 200 is nothing under 2019 (2024 would say yellow)
        assertThat(decide(G2019, WarningLevel.NONE, days(210, 120), true).transitions()).isEmpty();
        // two days > 200: yellow (issued)
        Outcome yellow = decide(G2019, WarningLevel.NONE, days(210, 220, 120), true);
        assertThat(yellow.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.ISSUED);
        assertThat(yellow.level()).isEqualTo(WarningLevel.YELLOW);
        // three days > 200: orange (upgraded)
        Outcome orange = decide(G2019, WarningLevel.YELLOW, days(210, 220, 230, 120), true);
        assertThat(orange.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.UPGRADED);
        assertThat(orange.level()).isEqualTo(WarningLevel.ORANGE);
        // four days > 200 with two > 300: red
        assertThat(decide(G2019, WarningLevel.ORANGE, days(210, 310, 320, 230), true).level()).isEqualTo(WarningLevel.RED);
        // back to two days > 200: downgraded to yellow on a forecast
        Outcome down = decide(G2019, WarningLevel.RED, days(210, 220, 120), true);
        assertThat(down.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.DOWNGRADED);
        assertThat(down.level()).isEqualTo(WarningLevel.YELLOW);
        // yellow's lowest trigger under 2019 is 200: 190, 180 lift it
        Outcome lifted = decide(G2019, WarningLevel.YELLOW, days(190, 180), true);
        assertThat(lifted.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.LIFTED);
        // 2019 has no ozone exception in its levels' runs? it grades O3 days like any other: an O3-driven
        // episode is still reported as ozone-driven by the grading, so the decision gives the advice
        Outcome ozone = WarningDecision.decide(G2019, WarningLevel.NONE, false, days(Pollutant.O3, 210, 220, 120), true);
        assertThat(ozone.transitions()).extracting(WarningDecision.Transition::action).containsExactly(Action.ADVICE);
    }
}
