package cn.yq.aq.standards.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.yq.aq.standards.Pollutant;

/**
 * HJ 633 IAQI and AQI against values worked out by hand from the standard's tables
 * (HJ 633—2012 Table 1, HJ 633—2026 Table 3): IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) × (C − BP_Lo) + IAQI_Lo,
 * rounded up.
 */
class Hj633Test {

    /**
     * One concentration inside every segment of every column of the 2012 table, and of the two
     * columns 2026 changed (PM10, PM2.5). The arithmetic of each row is in its comment.
     */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "V2012, SO2_24H, 17, 17",  // (50-0)/(50-0)*(17-0)+0 = 17.0000 -> 17
            "V2012, SO2_24H, 83, 67",  // (100-50)/(150-50)*(83-50)+50 = 66.5000 -> 67
            "V2012, SO2_24H, 258, 117",  // (150-100)/(475-150)*(258-150)+100 = 116.6154 -> 117
            "V2012, SO2_24H, 583, 167",  // (200-150)/(800-475)*(583-475)+150 = 166.6154 -> 167
            "V2012, SO2_24H, 1067, 234",  // (300-200)/(1600-800)*(1067-800)+200 = 233.3750 -> 234
            "V2012, SO2_24H, 1767, 334",  // (400-300)/(2100-1600)*(1767-1600)+300 = 333.4000 -> 334
            "V2012, SO2_24H, 2273, 434",  // (500-400)/(2620-2100)*(2273-2100)+400 = 433.2692 -> 434
            "V2012, SO2_1H, 50, 17",  // (50-0)/(150-0)*(50-0)+0 = 16.6667 -> 17
            "V2012, SO2_1H, 267, 67",  // (100-50)/(500-150)*(267-150)+50 = 66.7143 -> 67
            "V2012, SO2_1H, 550, 117",  // (150-100)/(650-500)*(550-500)+100 = 116.6667 -> 117
            "V2012, SO2_1H, 700, 167",  // (200-150)/(800-650)*(700-650)+150 = 166.6667 -> 167
            "V2012, NO2_24H, 13, 17",  // (50-0)/(40-0)*(13-0)+0 = 16.2500 -> 17
            "V2012, NO2_24H, 53, 67",  // (100-50)/(80-40)*(53-40)+50 = 66.2500 -> 67
            "V2012, NO2_24H, 113, 117",  // (150-100)/(180-80)*(113-80)+100 = 116.5000 -> 117
            "V2012, NO2_24H, 213, 167",  // (200-150)/(280-180)*(213-180)+150 = 166.5000 -> 167
            "V2012, NO2_24H, 375, 234",  // (300-200)/(565-280)*(375-280)+200 = 233.3333 -> 234
            "V2012, NO2_24H, 627, 334",  // (400-300)/(750-565)*(627-565)+300 = 333.5135 -> 334
            "V2012, NO2_24H, 813, 434",  // (500-400)/(940-750)*(813-750)+400 = 433.1579 -> 434
            "V2012, NO2_1H, 33, 17",  // (50-0)/(100-0)*(33-0)+0 = 16.5000 -> 17
            "V2012, NO2_1H, 133, 67",  // (100-50)/(200-100)*(133-100)+50 = 66.5000 -> 67
            "V2012, NO2_1H, 367, 117",  // (150-100)/(700-200)*(367-200)+100 = 116.7000 -> 117
            "V2012, NO2_1H, 867, 167",  // (200-150)/(1200-700)*(867-700)+150 = 166.7000 -> 167
            "V2012, NO2_1H, 1580, 234",  // (300-200)/(2340-1200)*(1580-1200)+200 = 233.3333 -> 234
            "V2012, NO2_1H, 2590, 334",  // (400-300)/(3090-2340)*(2590-2340)+300 = 333.3333 -> 334
            "V2012, NO2_1H, 3340, 434",  // (500-400)/(3840-3090)*(3340-3090)+400 = 433.3333 -> 434
            "V2012, PM10_24H, 17, 17",  // (50-0)/(50-0)*(17-0)+0 = 17.0000 -> 17
            "V2012, PM10_24H, 83, 67",  // (100-50)/(150-50)*(83-50)+50 = 66.5000 -> 67
            "V2012, PM10_24H, 183, 117",  // (150-100)/(250-150)*(183-150)+100 = 116.5000 -> 117
            "V2012, PM10_24H, 283, 167",  // (200-150)/(350-250)*(283-250)+150 = 166.5000 -> 167
            "V2012, PM10_24H, 373, 233",  // (300-200)/(420-350)*(373-350)+200 = 232.8571 -> 233
            "V2012, PM10_24H, 447, 334",  // (400-300)/(500-420)*(447-420)+300 = 333.7500 -> 334
            "V2012, PM10_24H, 533, 433",  // (500-400)/(600-500)*(533-500)+400 = 433.0000 -> 433
            "V2012, CO_24H, 0.7, 18",  // (50-0)/(2-0)*(0.7-0)+0 = 17.5000 -> 18
            "V2012, CO_24H, 2.7, 68",  // (100-50)/(4-2)*(2.7-2)+50 = 67.5000 -> 68
            "V2012, CO_24H, 7.3, 117",  // (150-100)/(14-4)*(7.3-4)+100 = 116.5000 -> 117
            "V2012, CO_24H, 17.3, 167",  // (200-150)/(24-14)*(17.3-14)+150 = 166.5000 -> 167
            "V2012, CO_24H, 28.0, 234",  // (300-200)/(36-24)*(28.0-24)+200 = 233.3333 -> 234
            "V2012, CO_24H, 40.0, 334",  // (400-300)/(48-36)*(40.0-36)+300 = 333.3333 -> 334
            "V2012, CO_24H, 52.0, 434",  // (500-400)/(60-48)*(52.0-48)+400 = 433.3333 -> 434
            "V2012, CO_1H, 1.7, 17",  // (50-0)/(5-0)*(1.7-0)+0 = 17.0000 -> 17
            "V2012, CO_1H, 6.7, 67",  // (100-50)/(10-5)*(6.7-5)+50 = 67.0000 -> 67
            "V2012, CO_1H, 18.3, 117",  // (150-100)/(35-10)*(18.3-10)+100 = 116.6000 -> 117
            "V2012, CO_1H, 43.3, 167",  // (200-150)/(60-35)*(43.3-35)+150 = 166.6000 -> 167
            "V2012, CO_1H, 70.0, 234",  // (300-200)/(90-60)*(70.0-60)+200 = 233.3333 -> 234
            "V2012, CO_1H, 100.0, 334",  // (400-300)/(120-90)*(100.0-90)+300 = 333.3333 -> 334
            "V2012, CO_1H, 130.0, 434",  // (500-400)/(150-120)*(130.0-120)+400 = 433.3333 -> 434
            "V2012, O3_1H, 53, 17",  // (50-0)/(160-0)*(53-0)+0 = 16.5625 -> 17
            "V2012, O3_1H, 173, 67",  // (100-50)/(200-160)*(173-160)+50 = 66.2500 -> 67
            "V2012, O3_1H, 233, 117",  // (150-100)/(300-200)*(233-200)+100 = 116.5000 -> 117
            "V2012, O3_1H, 333, 167",  // (200-150)/(400-300)*(333-300)+150 = 166.5000 -> 167
            "V2012, O3_1H, 533, 234",  // (300-200)/(800-400)*(533-400)+200 = 233.2500 -> 234
            "V2012, O3_1H, 867, 334",  // (400-300)/(1000-800)*(867-800)+300 = 333.5000 -> 334
            "V2012, O3_1H, 1067, 434",  // (500-400)/(1200-1000)*(1067-1000)+400 = 433.5000 -> 434
            "V2012, O3_8H, 33, 17",  // (50-0)/(100-0)*(33-0)+0 = 16.5000 -> 17
            "V2012, O3_8H, 120, 67",  // (100-50)/(160-100)*(120-100)+50 = 66.6667 -> 67
            "V2012, O3_8H, 178, 117",  // (150-100)/(215-160)*(178-160)+100 = 116.3636 -> 117
            "V2012, O3_8H, 232, 167",  // (200-150)/(265-215)*(232-215)+150 = 167.0000 -> 167
            "V2012, O3_8H, 443, 234",  // (300-200)/(800-265)*(443-265)+200 = 233.2710 -> 234
            "V2012, PM25_24H, 12, 18",  // (50-0)/(35-0)*(12-0)+0 = 17.1429 -> 18
            "V2012, PM25_24H, 48, 67",  // (100-50)/(75-35)*(48-35)+50 = 66.2500 -> 67
            "V2012, PM25_24H, 88, 117",  // (150-100)/(115-75)*(88-75)+100 = 116.2500 -> 117
            "V2012, PM25_24H, 127, 168",  // (200-150)/(150-115)*(127-115)+150 = 167.1429 -> 168
            "V2012, PM25_24H, 183, 233",  // (300-200)/(250-150)*(183-150)+200 = 233.0000 -> 233
            "V2012, PM25_24H, 283, 333",  // (400-300)/(350-250)*(283-250)+300 = 333.0000 -> 333
            "V2012, PM25_24H, 400, 434",  // (500-400)/(500-350)*(400-350)+400 = 433.3333 -> 434
            "V2026, PM10_24H, 17, 17",  // (50-0)/(50-0)*(17-0)+0 = 17.0000 -> 17
            "V2026, PM10_24H, 73, 67",  // (100-50)/(120-50)*(73-50)+50 = 66.4286 -> 67
            "V2026, PM10_24H, 163, 117",  // (150-100)/(250-120)*(163-120)+100 = 116.5385 -> 117
            "V2026, PM10_24H, 283, 167",  // (200-150)/(350-250)*(283-250)+150 = 166.5000 -> 167
            "V2026, PM10_24H, 373, 233",  // (300-200)/(420-350)*(373-350)+200 = 232.8571 -> 233
            "V2026, PM10_24H, 447, 334",  // (400-300)/(500-420)*(447-420)+300 = 333.7500 -> 334
            "V2026, PM10_24H, 533, 433",  // (500-400)/(600-500)*(533-500)+400 = 433.0000 -> 433
            "V2026, PM25_24H, 12, 18",  // (50-0)/(35-0)*(12-0)+0 = 17.1429 -> 18
            "V2026, PM25_24H, 43, 66",  // (100-50)/(60-35)*(43-35)+50 = 66.0000 -> 66
            "V2026, PM25_24H, 78, 117",  // (150-100)/(115-60)*(78-60)+100 = 116.3636 -> 117
            "V2026, PM25_24H, 127, 168",  // (200-150)/(150-115)*(127-115)+150 = 167.1429 -> 168
            "V2026, PM25_24H, 183, 233",  // (300-200)/(250-150)*(183-150)+200 = 233.0000 -> 233
            "V2026, PM25_24H, 283, 333",  // (400-300)/(350-250)*(283-250)+300 = 333.0000 -> 333
            "V2026, PM25_24H, 400, 434"   // (500-400)/(500-350)*(400-350)+400 = 433.3333 -> 434
    })
    void everySegmentOfBothTables(Hj633 version, Indicator indicator, double concentration, int expected) {
        assertThat(version.iaqi(indicator, concentration)).hasValue(expected);
    }

    /** The transcription of the tables this test holds, independent of the code's. */
    private static final int[] ROWS = {0, 50, 100, 150, 200, 300, 400, 500};
    private static final Map<Indicator, double[]> TABLE_2012 = Map.of(
            Indicator.SO2_24H, new double[] {0, 50, 150, 475, 800, 1600, 2100, 2620},
            Indicator.SO2_1H, new double[] {0, 150, 500, 650, 800},
            Indicator.NO2_24H, new double[] {0, 40, 80, 180, 280, 565, 750, 940},
            Indicator.NO2_1H, new double[] {0, 100, 200, 700, 1200, 2340, 3090, 3840},
            Indicator.PM10_24H, new double[] {0, 50, 150, 250, 350, 420, 500, 600},
            Indicator.CO_24H, new double[] {0, 2, 4, 14, 24, 36, 48, 60},
            Indicator.CO_1H, new double[] {0, 5, 10, 35, 60, 90, 120, 150},
            Indicator.O3_1H, new double[] {0, 160, 200, 300, 400, 800, 1000, 1200},
            Indicator.O3_8H, new double[] {0, 100, 160, 215, 265, 800},
            Indicator.PM25_24H, new double[] {0, 35, 75, 115, 150, 250, 350, 500});

    @Test
    void atEveryBreakpointTheIaqiIsTheRowValueAndOneStepAboveItStartsTheNextSegment() {
        for (Hj633 version : Hj633.values()) {
            for (Map.Entry<Indicator, double[]> e : TABLE_2012.entrySet()) {
                double[] bp = table(version, e.getKey());
                double step = e.getKey().pollutant() == Pollutant.CO ? 0.1 : 1;
                for (int i = 0; i < bp.length; i++) {
                    assertThat(version.iaqi(e.getKey(), bp[i])).as(version + " " + e.getKey() + " at " + bp[i])
                            .hasValue(ROWS[i]);
                    if (i + 1 < bp.length) {
                        // one reporting step above a breakpoint is in the next segment: IAQI > row value
                        assertThat(version.iaqi(e.getKey(), bp[i] + step).getAsInt())
                                .as(version + " " + e.getKey() + " just above " + bp[i]).isGreaterThan(ROWS[i]);
                    }
                }
            }
        }
    }

    private static double[] table(Hj633 version, Indicator indicator) {
        if (version == Hj633.V2026 && indicator == Indicator.PM10_24H) {
            return new double[] {0, 50, 120, 250, 350, 420, 500, 600};
        }
        if (version == Hj633.V2026 && indicator == Indicator.PM25_24H) {
            return new double[] {0, 35, 60, 115, 150, 250, 350, 500};
        }
        return TABLE_2012.get(indicator);
    }

    @Test
    void onlyThePmColumnsDifferBetween2012And2026() {
        for (Indicator indicator : Indicator.values()) {
            boolean pm = indicator == Indicator.PM10_24H || indicator == Indicator.PM25_24H;
            assertThat(java.util.Arrays.equals(Hj633.V2012.breakpoints(indicator), Hj633.V2026.breakpoints(indicator)))
                    .as(indicator.key()).isEqualTo(!pm);
            assertThat(Hj633.V2012.breakpoints(indicator)).as(indicator.key()).containsExactly(TABLE_2012.get(indicator));
        }
    }

    @Test
    void aboveTheLastBreakpointTheIaqiIs500() {
        // PM2.5 table ends at 500 µg/m³ = IAQI 500; 501 and 900 are capped at 500
        assertThat(Hj633.V2012.iaqi(Indicator.PM25_24H, 501)).hasValue(500);
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 900)).hasValue(500);
        // CO 1-h ends at 150 mg/m³
        assertThat(Hj633.V2012.iaqi(Indicator.CO_1H, 150.1)).hasValue(500);
    }

    @Test
    void so2OneHourAbove800() {
        // 2012 note (2): no 1-h IAQI above 800; 2026 note b: IAQI 200
        assertThat(Hj633.V2012.iaqi(Indicator.SO2_1H, 800)).hasValue(200);
        assertThat(Hj633.V2012.iaqi(Indicator.SO2_1H, 801)).isEqualTo(OptionalInt.empty());
        assertThat(Hj633.V2026.iaqi(Indicator.SO2_1H, 801)).hasValue(200);
        assertThat(Hj633.V2026.iaqi(Indicator.SO2_1H, 3000)).hasValue(200);

        // 2012 real-time with SO2 1-h 900 and a 24-h SO2 of 100 µg/m³: the SO2 IAQI comes from the
        // 24-h table: (100−50)/(150−50)×(100−50)+50 = 75
        AqiResult r2012 = Hj633.V2012.realtime(new HourlyConcentrations(10.0, 20.0, 900.0, 10.0, 0.5, 20.0, null, 100.0));
        assertThat(r2012.iaqi()).doesNotContainKey(Indicator.SO2_1H).containsEntry(Indicator.SO2_24H, 75);
        assertThat(r2012.aqi()).isEqualTo(75);
        assertThat(r2012.primaryPollutants()).containsExactly(Pollutant.SO2);
        // without the 24-h value the SO2 IAQI is missing, not invented
        AqiResult noFallback = Hj633.V2012.realtime(HourlyConcentrations.of(10.0, 20.0, 900.0, 10.0, 0.5, 20.0));
        assertThat(noFallback.missing()).contains(Indicator.SO2_24H);
        assertThat(noFallback.iaqiByPollutant()).doesNotContainKey(Pollutant.SO2);

        // 2026: SO2 1-h 900 -> 200, AQI 200
        AqiResult r2026 = Hj633.V2026.realtime(HourlyConcentrations.of(10.0, 20.0, 900.0, 10.0, 0.5, 20.0));
        assertThat(r2026.aqi()).isEqualTo(200);
        assertThat(r2026.category()).isEqualTo(Category.MODERATELY_POLLUTED);
    }

    @Test
    void ozoneEightHourAbove800() {
        assertThat(Hj633.V2012.iaqi(Indicator.O3_8H, 800)).hasValue(300);
        assertThat(Hj633.V2012.iaqi(Indicator.O3_8H, 801)).isEqualTo(OptionalInt.empty());
        assertThat(Hj633.V2026.iaqi(Indicator.O3_8H, 900)).hasValue(300);

        // 2012 daily: O3 8-h 900 has no IAQI; the daily max 1-h O3 of 850 stands in:
        // (400−300)/(1000−800)×(850−800)+300 = 325
        AqiResult d2012 = Hj633.V2012.daily(new DailyConcentrations(30.0, 50.0, 10.0, 20.0, 0.8, 900.0, 850.0));
        assertThat(d2012.aqi()).isEqualTo(325);
        assertThat(d2012.primaryPollutants()).containsExactly(Pollutant.O3);
        // 2026 daily: O3 8-h 900 -> 300 and no 1-h O3 in the daily report
        AqiResult d2026 = Hj633.V2026.daily(new DailyConcentrations(30.0, 50.0, 10.0, 20.0, 0.8, 900.0, 850.0));
        assertThat(d2026.aqi()).isEqualTo(300);
        assertThat(d2026.iaqi()).doesNotContainKey(Indicator.O3_1H);
    }

    @Test
    void concentrationsAreRoundedHalfEvenBeforeTheIaqiWhichIsRoundedUp() {
        // 2026 PM2.5 60.5 -> 60 (half to even) -> IAQI 100
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 60.5)).hasValue(100);
        // 60.6 -> 61: (150−100)/(115−60)×(61−60)+100 = 100.91 -> 101
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 60.6)).hasValue(101);
        // 61.5 -> 62 (to even): 50/55×2+100 = 101.82 -> 102; 62.5 -> 62 as well -> 102
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 61.5)).hasValue(102);
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 62.5)).hasValue(102);
        // CO to one decimal: 2.25 -> 2.2: (100−50)/(4−2)×(2.2−2)+50 = 55; 2.35 -> 2.4 -> 60
        assertThat(Hj633.V2012.iaqi(Indicator.CO_24H, 2.25)).hasValue(55);
        assertThat(Hj633.V2012.iaqi(Indicator.CO_24H, 2.35)).hasValue(60);
        // 2012 PM2.5 36: (100−50)/(75−35)×(36−35)+50 = 51.25 -> 52 (never 51)
        assertThat(Hj633.V2012.iaqi(Indicator.PM25_24H, 36)).hasValue(52);
        // 2012 PM2.5 75 -> exactly 100 (no floating-point 100.00000001 -> 101)
        assertThat(Hj633.V2012.iaqi(Indicator.PM25_24H, 75)).hasValue(100);
        // the same PM2.5 of 70 µg/m³ is "good" in 2012 (93.75 -> 94) and "light" in 2026:
        // (150−100)/(115−60)×(70−60)+100 = 109.09 -> 110
        assertThat(Hj633.V2012.iaqi(Indicator.PM25_24H, 70)).hasValue(94);
        assertThat(Hj633.V2026.iaqi(Indicator.PM25_24H, 70)).hasValue(110);
    }

    @Test
    void badConcentrationsAreRefused() {
        assertThatThrownBy(() -> Hj633.V2012.iaqi(Indicator.PM25_24H, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hj633.V2012.iaqi(Indicator.PM25_24H, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hj633.V2026.iaqi(Indicator.CO_1H, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dailyAqiWithTiedPrimaryPollutants() {
        // PM2.5 75 -> 100 and PM10 150 -> 100 (2012): AQI 100, both primary, none above 100
        AqiResult r = Hj633.V2012.daily(new DailyConcentrations(75.0, 150.0, 10.0, 30.0, 0.9, 80.0, 100.0));
        assertThat(r.aqi()).isEqualTo(100);
        assertThat(r.primaryPollutants()).containsExactly(Pollutant.PM25, Pollutant.PM10);
        assertThat(r.nonAttainment()).isEmpty();
        assertThat(r.category()).isEqualTo(Category.GOOD);
        assertThat(r.iaqi()).hasSize(7);
    }

    @Test
    void noPrimaryPollutantAtOrBelow50AndNonAttainmentOnlyIn2012() {
        // PM2.5 35 -> 50: AQI 50, "excellent", no primary pollutant
        AqiResult clean = Hj633.V2026.daily(new DailyConcentrations(35.0, 40.0, 10.0, 20.0, 0.5, 60.0, null));
        assertThat(clean.aqi()).isEqualTo(50);
        assertThat(clean.primaryPollutants()).isEmpty();
        assertThat(clean.category()).isEqualTo(Category.EXCELLENT);
        assertThat(clean.publishable()).isTrue();

        // PM2.5 115 -> 150 in both versions; 2012 lists it as 超标污染物, 2026 has no such notion
        DailyConcentrations dirty = new DailyConcentrations(115.0, 40.0, 10.0, 20.0, 0.5, 60.0, 100.0);
        assertThat(Hj633.V2012.daily(dirty).nonAttainment()).containsExactly(Pollutant.PM25);
        assertThat(Hj633.V2026.daily(dirty).nonAttainment()).isEmpty();
        assertThat(Hj633.V2026.daily(dirty).primaryPollutants()).containsExactly(Pollutant.PM25);
    }

    @Test
    void realtimeReportIndicatorsDifferByVersion() {
        // O3 8-h moving average 215 -> 150 counts in 2012's real-time report only
        HourlyConcentrations c = new HourlyConcentrations(20.0, 30.0, 10.0, 20.0, 0.5, 100.0, 215.0, null);
        assertThat(Hj633.V2012.realtime(c).aqi()).isEqualTo(150);
        assertThat(Hj633.V2012.realtime(c).primaryPollutants()).containsExactly(Pollutant.O3);
        // 2026: six 1-h values only; max is PM10 30 -> 30/50*50 = 30 (O3 1-h 100 -> 100/160*50 = 31.25 -> 32)
        AqiResult r2026 = Hj633.V2026.realtime(c);
        assertThat(r2026.iaqi()).doesNotContainKey(Indicator.O3_8H).hasSize(6);
        assertThat(r2026.aqi()).isEqualTo(32);
        assertThat(r2026.primaryPollutants()).isEmpty();
    }

    @Test
    void aMissingPollutantIsReportedAndTheAqiPublishedOnlyAbove100() {
        // PM2.5 missing; PM10 160 (2026): (150−100)/(250−120)×(160−120)+100 = 115.38 -> 116
        AqiResult high = Hj633.V2026.daily(new DailyConcentrations(null, 160.0, 10.0, 20.0, 0.5, 60.0, null));
        assertThat(high.missing()).containsExactly(Indicator.PM25_24H);
        assertThat(high.aqi()).isEqualTo(116);
        assertThat(high.publishable()).isTrue();
        AqiResult low = Hj633.V2026.daily(new DailyConcentrations(null, 60.0, 10.0, 20.0, 0.5, 60.0, null));
        assertThat(low.publishable()).isFalse();
        AqiResult none = Hj633.V2026.daily(new DailyConcentrations(null, null, null, null, null, null, null));
        assertThat(none.aqi()).isNull();
        assertThat(none.category()).isNull();
    }

    @Test
    void categoriesLevelsNamesAndOfficialColours() {
        int[][] bounds = {{0, 1}, {50, 1}, {51, 2}, {100, 2}, {101, 3}, {150, 3}, {151, 4}, {200, 4}, {201, 5},
                {300, 5}, {301, 6}, {500, 6}};
        for (int[] b : bounds) {
            assertThat(Category.of(b[0]).level()).as("AQI " + b[0]).isEqualTo(b[1]);
        }
        assertThat(List.of(Category.values())).extracting(Category::nameZh)
                .containsExactly("优", "良", "轻度污染", "中度污染", "重度污染", "严重污染");
        // Annex A RGB: green 0,228,0; yellow 255,255,0; orange 255,126,0; red 255,0,0; purple 153,0,76; maroon 126,0,35
        assertThat(List.of(Category.values())).extracting(Category::hex)
                .containsExactly("#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023");
        assertThat(Category.HEAVILY_POLLUTED.colourZh()).isEqualTo("紫色");
        assertThatThrownBy(() -> Category.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
