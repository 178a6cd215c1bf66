package cn.yq.aq.target.review.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.registry.Source;
import cn.yq.aq.standards.emission.LimitProfiles;
import cn.yq.aq.target.review.Suspect;

/**
 * Each CEMS pre-review rule on hours made by hand. The sources are ultra-low coal boilers (reference O2 6 %,
 * SO2 35, NOx 50 mg/m³): at a measured O2 of 6 % the corrected value is the measured one (× (21 − 6)/(21 − 6)).
 */
class CemsRulesTest {

    static final Registry YANGQUAN = RegistryLoader.builtIn("yangquan");
    static final LimitProfiles PROFILES = LimitProfiles.builtIn();
    static final Instant FROM = Instant.parse("2025-11-09T16:00:00Z"); // 2025-11-10 00:00 in Beijing
    static final int N = 96;

    final CemsRules rules = new CemsRules(AmbientRulesTest.defaults(), s -> PROFILES.get(s.limitProfile()));

    /** Four ordinary days: O2 6.0–6.6 %, SO2 20–24, NOx 30–36, PM 5–6 mg/m³, a flow that never stops. */
    static CemsRules.Hours ordinary() {
        Map<String, double[]> f = new HashMap<>();
        double[] o2 = new double[N];
        double[] so2 = new double[N];
        double[] nox = new double[N];
        double[] pm = new double[N];
        double[] flow = new double[N];
        for (int i = 0; i < N; i++) {
            o2[i] = 6.0 + 0.1 * (i % 7);
            so2[i] = 20 + i % 5;
            nox[i] = 30 + i % 7;
            pm[i] = 5 + (i % 3) * 0.5;
            flow[i] = 100_000 + i;
        }
        f.put("o2", o2);
        f.put("so2", so2);
        f.put("nox", nox);
        f.put("pm", pm);
        f.put("flow", flow);
        return new CemsRules.Hours(f);
    }

    static Source source(String id) {
        return YANGQUAN.source(id).orElseThrow();
    }

    List<Suspect> find(CemsRules.Hours h) {
        return rules.find(Map.of(source("YQ-PD-B01"), h), FROM, N);
    }

    @Test
    void ordinaryHoursHaveNoSuspect() {
        assertThat(find(ordinary())).isEmpty();
    }

    @Test
    void oxygenOfAirWhileConcentrationsAreReported() {
        CemsRules.Hours h = ordinary();
        for (int i = 10; i < 13; i++) {
            h.of("o2")[i] = 20.6 + 0.1 * (i - 10); // three hours of air (20.6, 20.7, 20.8 %)
        }
        h.of("o2")[40] = 20.5; // one hour only: not enough
        List<Suspect> found = find(h);
        assertThat(found).extracting(Suspect::rule, Suspect::hours).containsExactly(tuple("o2-ambient", 3L));
        assertThat(found.get(0).from()).isEqualTo(FROM.plusSeconds(10 * 3600));
    }

    @Test
    void oxygenFrozenForEightHoursSevenIsNot() {
        CemsRules.Hours h = ordinary();
        for (int i = 20; i < 28; i++) {
            h.of("o2")[i] = 6.35;
        }
        for (int i = 50; i < 57; i++) {
            h.of("o2")[i] = 6.45;
        }
        assertThat(find(h)).extracting(Suspect::rule, Suspect::hours).containsExactly(tuple("o2-constant", 8L));
    }

    @Test
    void noFlowWhileConcentrationsAreReported() {
        CemsRules.Hours h = ordinary();
        h.of("flow")[70] = 0;
        h.of("flow")[71] = 0;
        assertThat(find(h)).extracting(Suspect::rule, Suspect::pollutant, Suspect::hours).containsExactly(tuple("flow-zero", "flow", 2L));
    }

    @Test
    void aPollutantKeptJustUnderItsLimitMostHoursOfAMonth() {
        // NOx 47 at O2 6 %: corrected 47, between 0.9 × 50 = 45 and 50, in 60 of 96 valid hours (≥ half): suspect
        CemsRules.Hours h = ordinary();
        for (int i = 0; i < 60; i++) {
            h.of("nox")[i] = 47;
            h.of("o2")[i] = 6.0;
        }
        List<Suspect> found = find(h);
        assertThat(found).extracting(Suspect::rule, Suspect::pollutant).contains(tuple("near-limit", "nox"));
        // in 40 of 96 hours only: no near-limit suspect
        CemsRules.Hours fewer = ordinary();
        for (int i = 0; i < 40; i++) {
            fewer.of("nox")[i] = 47 + (i % 2) * 0.5; // not constant either
        }
        assertThat(find(fewer)).extracting(Suspect::rule).doesNotContain("near-limit");
    }

    @Test
    void twoSourcesReportingTheSameValuesForThreeHours() {
        CemsRules.Hours a = ordinary();
        CemsRules.Hours b = ordinary();
        for (int i = 0; i < N; i++) {
            b.of("so2")[i] += 3; // normally different
        }
        for (int i = 30; i < 33; i++) {
            b.of("so2")[i] = a.of("so2")[i];
        }
        Map<Source, CemsRules.Hours> two = new LinkedHashMap<>();
        two.put(source("YQ-PD-B01"), a);
        two.put(source("YQ-YX-B01"), b);
        List<Suspect> found = rules.find(two, FROM, N);
        assertThat(found).extracting(Suspect::rule, Suspect::target, Suspect::hours).containsExactlyInAnyOrder(
                tuple("identical-sources", "YQ-PD-B01", 3L), tuple("identical-sources", "YQ-YX-B01", 3L));
        assertThat(found.get(0).evidence()).containsKey("other");
    }
}
