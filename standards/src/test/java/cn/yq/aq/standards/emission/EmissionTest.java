package cn.yq.aq.standards.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

class EmissionTest {

    @Test
    void oxygenCorrection() {
        // GB 13271 formula (1): ρ = ρ′ × (21 − φ) / (21 − φ′)
        // coal boiler NOx 41 mg/m³ measured at 10.2 % O2, to 9 %: 41 × 12 / 10.8 = 45.556
        assertThat(O2Correction.toReference(41, 10.2, 9)).isCloseTo(45.5556, within(1e-4));
        // gas boiler NOx 30 at 8 % O2, to 3.5 %: 30 × 17.5 / 13 = 40.385
        assertThat(O2Correction.toReference(30, 8, Fuel.GAS.referenceO2())).isCloseTo(40.3846, within(1e-4));
        // measured at the reference O2: unchanged
        assertThat(O2Correction.toReference(22, 9, 9)).isEqualTo(22.0);
        assertThatThrownBy(() -> O2Correction.toReference(10, 21, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> O2Correction.toReference(-1, 10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builtInProfilesHoldTheTables() {
        LimitProfiles profiles = LimitProfiles.builtIn();
        // GB 13271-2014 Table 2, new coal boilers: PM 50, SO2 300, NOx 300 at 9 % O2
        LimitProfile t2coal = profiles.get("gb13271-t2-coal");
        assertThat(t2coal.referenceO2()).isEqualTo(9.0);
        assertThat(t2coal.limit(EmissionPollutant.PM)).hasValue(50);
        assertThat(t2coal.limit(EmissionPollutant.SO2)).hasValue(300);
        assertThat(t2coal.limit(EmissionPollutant.NOX)).hasValue(300);
        // Table 3 gas: 20 / 50 / 150 at 3.5 %; Table 1 coal SO2 400
        assertThat(profiles.get("gb13271-t3-gas").limit(EmissionPollutant.NOX)).hasValue(150);
        assertThat(profiles.get("gb13271-t1-coal").limit(EmissionPollutant.SO2)).hasValue(400);
        assertThat(profiles.get("gb13271-t1-gas").limit(EmissionPollutant.HG)).isEmpty();
        // ultra-low 10 / 35 / 50; gas low-NOx 50
        LimitProfile ultra = profiles.get("ultra-low");
        assertThat(ultra.limit(EmissionPollutant.PM)).hasValue(10);
        assertThat(ultra.limit(EmissionPollutant.SO2)).hasValue(35);
        assertThat(ultra.limit(EmissionPollutant.NOX)).hasValue(50);
        assertThat(profiles.get("gas-low-nox").limit(EmissionPollutant.NOX)).hasValue(50);
        // an ultra-low boiler measuring NOx 41 at 10.2 % O2: 41 × (21 − 6) / 10.8 = 56.9 > 50, an exceedance
        assertThat(ultra.corrected(41, 10.2)).isCloseTo(56.944, within(1e-3)).isGreaterThan(50);
        assertThat(profiles.find("db14-1929")).isEmpty();
    }

    @Test
    void profilesAreDataAndMalformedLinesAreNamed() throws Exception {
        LimitProfiles own = LimitProfiles.parse(new StringReader(
                "id,referenceO2,pm,so2,nox,hg,descriptionZh\ndb14-coal-urban,9,10,35,50,,山西地标 建成区\n"));
        assertThat(own.get("db14-coal-urban").limit(EmissionPollutant.NOX)).hasValue(50);
        assertThatThrownBy(() -> LimitProfiles.parse(new StringReader("h\nx,9,abc,1,1,,d\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> LimitProfiles.parse(new StringReader("h\nx,9,1,1\n")))
                .hasMessageContaining("7 cells");
    }

    @Test
    void nmhcReferences() {
        assertThat(NmhcReference.AMBIENT_DB13_1577_GRADE_II.exceeded(2.0)).isFalse();
        assertThat(NmhcReference.AMBIENT_DB13_1577_GRADE_II.exceeded(2.01)).isTrue();
        assertThat(NmhcReference.FUGITIVE_GB37822.hourlyLimit()).isEqualTo(10.0);
    }

    @Test
    void fuels() {
        assertThat(Fuel.of("coal").referenceO2()).isEqualTo(9.0);
        assertThat(Fuel.of("biomass").referenceO2()).isEqualTo(9.0);
        assertThat(Fuel.of("oil").referenceO2()).isEqualTo(3.5);
    }
}
