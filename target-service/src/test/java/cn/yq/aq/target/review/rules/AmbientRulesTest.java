package cn.yq.aq.target.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.target.review.ReviewProperties;
import cn.yq.aq.target.review.Suspect;

/** Each pre-review rule on hours made by hand: what trips it, what is one hour short, what is below its floor. */
class AmbientRulesTest {

    static final Registry YANGQUAN = RegistryLoader.builtIn("yangquan");
    static final LocalDate DAY = LocalDate.of(2025, 11, 10);
    static final Instant FROM = DAY.atStartOfDay(BeijingTime.ZONE).toInstant();
    static final Instant TO = DAY.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant();

    /** The defaults, bound as Spring binds them (so that the test reads what the service runs with). */
    static ReviewProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of("aq.review.constant.enabled", "true")))
                .bind("aq.review", ReviewProperties.class).get();
    }

    final AmbientRules rules = new AmbientRules(defaults());

    static Station station(String id) {
        return YANGQUAN.station(id).orElseThrow();
    }

    /** A day of ordinary hours: PM2.5 40 + h, PM10 70 + h, SO2 12 + h, NO2 30 + h, CO 0.6, O3 50 + 2h (never constant). */
    static HourlyValues ordinary() {
        HourlyValues hv = new HourlyValues();
        for (int h = 0; h < 24; h++) {
            hv.put(DAY, h, Pollutant.PM25, 40 + h);
            hv.put(DAY, h, Pollutant.PM10, 70 + h);
            hv.put(DAY, h, Pollutant.SO2, 12 + h);
            hv.put(DAY, h, Pollutant.NO2, 30 + h);
            hv.put(DAY, h, Pollutant.CO, 0.6 + h * 0.01);
            hv.put(DAY, h, Pollutant.O3, 50 + 2 * h);
        }
        return hv;
    }

    List<Suspect> find(Map<Station, HourlyValues> stations) {
        return rules.find(stations, FROM, TO);
    }

    List<Suspect> find(HourlyValues one) {
        return find(Map.of(station("YQ-CQ-01"), one));
    }

    @Test
    void anOrdinaryDayHasNoSuspect() {
        assertThat(find(ordinary())).isEmpty();
    }

    @Test
    void pm25AbovePm10ForSixHoursIsOneSuspectSpan() {
        HourlyValues hv = ordinary();
        // hours 2–7: PM2.5 100 against PM10 60 (100 > 60 × 1.5 = 90), six hours
        for (int h = 2; h < 8; h++) {
            hv.put(DAY, h, Pollutant.PM25, 100);
            hv.put(DAY, h, Pollutant.PM10, 60);
        }
        // hours 10–14 too, but only five hours: not enough
        for (int h = 10; h < 15; h++) {
            hv.put(DAY, h, Pollutant.PM25, 100);
            hv.put(DAY, h, Pollutant.PM10, 60);
        }
        // hours 16–23: PM2.5 85 + i against PM10 60 + i (85 < 90, and below 1.5 × as both rise): within the margin
        for (int h = 16; h < 24; h++) {
            hv.put(DAY, h, Pollutant.PM25, 85 + (h - 16));
            hv.put(DAY, h, Pollutant.PM10, 60 + (h - 16));
        }
        List<Suspect> found = find(hv);
        assertThat(found).hasSize(1);
        Suspect s = found.get(0);
        assertThat(s.rule()).isEqualTo("pm25-exceeds-pm10");
        assertThat(s.from()).isEqualTo(FROM.plusSeconds(2 * 3600));
        assertThat(s.to()).isEqualTo(FROM.plusSeconds(8 * 3600));
        assertThat(s.descriptionZh()).contains("PM2.5高于PM10", "连续6小时");
    }

    @Test
    void eightEqualHoursAboveTheFloorAreConstantSevenAreNot() {
        HourlyValues hv = ordinary();
        for (int h = 2; h < 10; h++) {
            hv.put(DAY, h, Pollutant.NO2, 45); // 8 hours of 45
        }
        for (int h = 12; h < 19; h++) {
            hv.put(DAY, h, Pollutant.PM10, 88); // 7 hours: one short
        }
        for (int h = 0; h < 24; h++) {
            hv.put(DAY, h, Pollutant.SO2, 6); // a whole day of 6, below SO2's floor of 10: the analyser's floor
        }
        List<Suspect> found = find(hv);
        assertThat(found).extracting(Suspect::rule, Suspect::pollutant, Suspect::hours).containsExactly(
                org.assertj.core.groups.Tuple.tuple("constant", "no2", 8L));
    }

    @Test
    void aSpikeRisesFourTimesAndByTheRiseAboveBothSides() {
        HourlyValues hv = ordinary();
        // PM2.5: hour 9 at 50, hour 10 at 230 (≥ 4 × 51 = 204 and 230 − 51 = 179 ≥ 150), hour 11 at 51
        hv.put(DAY, 9, Pollutant.PM25, 50);
        hv.put(DAY, 10, Pollutant.PM25, 230);
        hv.put(DAY, 11, Pollutant.PM25, 51);
        // NO2: hour 15 at 160 between 38 and 40: 4 × 40 = 160 reached but 160 − 40 = 120 < 150: not a spike
        hv.put(DAY, 14, Pollutant.NO2, 38);
        hv.put(DAY, 15, Pollutant.NO2, 160);
        hv.put(DAY, 16, Pollutant.NO2, 40);
        List<Suspect> found = find(hv);
        assertThat(found).extracting(Suspect::rule, Suspect::pollutant).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spike", "pm25"));
        assertThat(found.get(0).from()).isEqualTo(FROM.plusSeconds(10 * 3600));
        assertThat(found.get(0).hours()).isEqualTo(1);
    }

    @Test
    void aStationFarBelowItsPollutedNeighboursIsSuspectNotWhenTheyAreClean() {
        // five of the city's stations within a few km; YQ-CQ-01 reads 20 for hours 3–5 while the others read 150–180
        Map<Station, HourlyValues> city = new LinkedHashMap<>();
        String[] ids = {"YQ-CQ-01", "YQ-CQ-02", "YQ-KQ-01"};
        for (String id : ids) {
            city.put(station(id), ordinary());
        }
        for (Station s : YANGQUAN.stations()) {
            if (city.size() < 5 && !city.containsKey(s) && AmbientRules.km(station("YQ-CQ-01"), s) < 30) {
                city.put(s, ordinary());
            }
        }
        int k = 0;
        for (Map.Entry<Station, HourlyValues> e : city.entrySet()) {
            for (int h = 3; h < 6; h++) {
                e.getValue().put(DAY, h, Pollutant.PM25, e.getKey().id().equals("YQ-CQ-01") ? 20 : 150 + 10 * k);
                e.getValue().put(DAY, h, Pollutant.PM10, 250); // keep PM2.5 below PM10
            }
            k++;
        }
        // hours 15–17: the same 20 against neighbours at 100, below 115: not polluted enough to tell
        for (Map.Entry<Station, HourlyValues> e : city.entrySet()) {
            for (int h = 15; h < 18; h++) {
                e.getValue().put(DAY, h, Pollutant.PM25, e.getKey().id().equals("YQ-CQ-01") ? 20 : 100);
                e.getValue().put(DAY, h, Pollutant.PM10, 250);
            }
        }
        List<Suspect> found = find(city);
        assertThat(found).extracting(Suspect::rule, Suspect::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("neighbour-divergence", "YQ-CQ-01"));
        assertThat(found.get(0).from()).isEqualTo(FROM.plusSeconds(3 * 3600));
        assertThat(found.get(0).hours()).isEqualTo(3);
        assertThat(found.get(0).evidence()).containsKeys("values", "neighbourMedian", "neighbours");
    }

    @Test
    void zeroIsSuspectAtOnce() {
        HourlyValues hv = ordinary();
        hv.put(DAY, 20, Pollutant.O3, 0);
        List<Suspect> found = find(hv);
        assertThat(found).extracting(Suspect::rule, Suspect::pollutant, Suspect::hours).containsExactly(
                org.assertj.core.groups.Tuple.tuple("negative-or-zero", "o3", 1L));
    }

    @Test
    void aSuspectFoundAgainHasTheSameId() {
        HourlyValues hv = ordinary();
        hv.put(DAY, 20, Pollutant.O3, 0);
        assertThat(find(hv).get(0).id()).isEqualTo(find(hv).get(0).id());
    }
}
