package cn.yq.aq.alert.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The warning text's dates, as officials read them: a forecast says 预计, an observation does not. */
class EpisodeRangeTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    @Test
    void daysAheadAreAForecast() {
        assertThat(WarningTexts.episodeRange(TODAY.plusDays(1), TODAY.plusDays(3), TODAY)).isEqualTo("预计12月3日至12月5日");
        assertThat(WarningTexts.episodeRange(TODAY.plusDays(1), TODAY.plusDays(1), TODAY)).isEqualTo("预计12月3日");
    }

    @Test
    void todayIsNotAForecastAndOneDayIsOneDate() {
        // the observed 24-h AQI raised it today: not "预计12月2日至12月2日"
        assertThat(WarningTexts.episodeRange(TODAY, TODAY, TODAY)).isEqualTo("今日（12月2日）");
        assertThat(WarningTexts.episodeRange(TODAY, TODAY.plusDays(2), TODAY)).isEqualTo("今日（12月2日）起至12月4日");
        // across a month and a year
        assertThat(WarningTexts.episodeRange(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 2), LocalDate.of(2026, 12, 30)))
                .isEqualTo("预计12月31日至1月2日");
    }
}
