package cn.yq.aq.standards.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.aqi.Hj633;

class Gb3095Test {

    @Test
    void limitsOfTheEditionsAndPhases() {
        // PM2.5 annual Grade II: 35 (2012), 30 (2026 transition), 25 (2026 final); daily 75 / 60 / 50
        assertThat(Gb3095.V2012.limit(Pollutant.PM25, Averaging.ANNUAL)).hasValue(35);
        assertThat(Gb3095.V2026_TRANSITION.limit(Pollutant.PM25, Averaging.ANNUAL)).hasValue(30);
        assertThat(Gb3095.V2026_FINAL.limit(Pollutant.PM25, Averaging.ANNUAL)).hasValue(25);
        assertThat(Gb3095.V2012.limit(Pollutant.PM25, Averaging.DAILY)).hasValue(75);
        assertThat(Gb3095.V2026_TRANSITION.limit(Pollutant.PM25, Averaging.DAILY)).hasValue(60);
        assertThat(Gb3095.V2026_FINAL.limit(Pollutant.PM25, Averaging.DAILY)).hasValue(50);
        // PM10 annual II 70 / 60 / 50; NO2 annual II 40 / 40 / 30; SO2 1-h II 500 / 500 / 150
        assertThat(Gb3095.V2012.limit(Pollutant.PM10, Averaging.ANNUAL)).hasValue(70);
        assertThat(Gb3095.V2026_TRANSITION.limit(Pollutant.PM10, Averaging.ANNUAL)).hasValue(60);
        assertThat(Gb3095.V2026_FINAL.limit(Pollutant.NO2, Averaging.ANNUAL)).hasValue(30);
        assertThat(Gb3095.V2026_FINAL.limit(Pollutant.SO2, Averaging.HOURLY)).hasValue(150);
        assertThat(Gb3095.V2012.limit(Pollutant.SO2, Averaging.HOURLY, Gb3095.Grade.I)).hasValue(150);
        // O3 MDA8 160 / 100 (Grade I), CO daily 4 mg/m³; no annual CO or O3 limit, no 1-h PM limit
        assertThat(Gb3095.V2012.limit(Pollutant.O3, Averaging.DAILY_MAX_8H)).hasValue(160);
        assertThat(Gb3095.V2026_FINAL.limit(Pollutant.O3, Averaging.DAILY_MAX_8H, Gb3095.Grade.I)).hasValue(100);
        assertThat(Gb3095.V2012.limit(Pollutant.CO, Averaging.DAILY)).hasValue(4);
        assertThat(Gb3095.V2012.limit(Pollutant.CO, Averaging.ANNUAL)).isEmpty();
        assertThat(Gb3095.V2012.limit(Pollutant.PM25, Averaging.HOURLY)).isEmpty();
    }

    @Test
    void rulesAreChosenByTheDateOfTheData() {
        RuleCalendar calendar = RuleCalendar.defaults();
        assertThat(calendar.aqi(LocalDate.of(2026, 2, 28))).isEqualTo(Hj633.V2012);
        assertThat(calendar.aqi(LocalDate.of(2026, 3, 1))).isEqualTo(Hj633.V2026);
        assertThat(calendar.limits(LocalDate.of(2025, 12, 31))).isEqualTo(Gb3095.V2012);
        assertThat(calendar.limits(LocalDate.of(2030, 12, 31))).isEqualTo(Gb3095.V2026_TRANSITION);
        assertThat(calendar.limits(LocalDate.of(2031, 1, 1))).isEqualTo(Gb3095.V2026_FINAL);
        assertThat(calendar.aqiStandardName(LocalDate.of(2026, 3, 1))).isEqualTo("HJ 633-2026");
        // the switch date is configuration
        RuleCalendar moved = new RuleCalendar(LocalDate.of(2026, 6, 1), RuleCalendar.DEFAULT_FINAL_PHASE);
        assertThat(moved.aqi(LocalDate.of(2026, 5, 31))).isEqualTo(Hj633.V2012);
    }
}
