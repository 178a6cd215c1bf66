package cn.yq.aq.standards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void convertsWithinAKind() {
        // a device sending PM2.5 in ng/m³ (HJ 212 Table B.2): 75600 ng/m³ = 75.6 µg/m³, exactly
        assertThat(Unit.NG_M3.convert(75600, Unit.UG_M3)).isEqualTo(75.6);
        // SO2 0.021 mg/m³ = 21 µg/m³; CO 1300 µg/m³ = 1.3 mg/m³ (the Beijing dataset's CO)
        assertThat(Unit.MG_M3.convert(0.021, Unit.UG_M3)).isEqualTo(21.0);
        assertThat(Unit.UG_M3.convert(1300, Unit.MG_M3)).isEqualTo(1.3);
        // flue-gas flow: HJ 212 a00000 in m³/s, the contract in m³/h: 14.5 m³/s = 52200 m³/h
        assertThat(Unit.M3_S.convert(14.5, Unit.M3_H)).isEqualTo(52200.0);
        // 101.3 kPa = 1013 hPa
        assertThat(Unit.KPA.convert(101.3, Unit.HPA)).isEqualTo(1013.0);
        // a stack's static pressure in Pa: −230 Pa = −0.23 kPa; 95,500 Pa = 955 hPa
        assertThat(Unit.PA.convert(-230, Unit.KPA)).isEqualTo(-0.23);
        assertThat(Unit.PA.convert(95500, Unit.HPA)).isEqualTo(955.0);
        assertThat(Unit.parse("Pa")).isEqualTo(Unit.PA);
        assertThat(Unit.PERCENT.convert(10.2, Unit.PERCENT)).isEqualTo(10.2);
    }

    @Test
    void parsesTheRegistrysSpelling() {
        assertThat(Unit.parse("ug/m3")).isEqualTo(Unit.UG_M3);
        assertThat(Unit.parse("µg/m³")).isEqualTo(Unit.UG_M3);
        assertThat(Unit.parse("m3/s")).isEqualTo(Unit.M3_S);
        assertThatThrownBy(() -> Unit.parse("furlong")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("furlong");
    }

    @Test
    void refusesToConvertAcrossKinds() {
        assertThatThrownBy(() -> Unit.MG_M3.convert(1, Unit.PERCENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pollutantsKnowTheirFieldsAndReportDecimals() {
        assertThat(Pollutant.fromField("pm25")).hasValue(Pollutant.PM25);
        assertThat(Pollutant.fromField("CO")).hasValue(Pollutant.CO);
        assertThat(Pollutant.fromField("nmhc")).isEmpty();
        assertThat(Pollutant.CO.reportDecimals()).isEqualTo(1);
        assertThat(Pollutant.CO.unit()).isEqualTo(Unit.MG_M3);
        assertThat(Pollutant.O3.reportDecimals()).isZero();
    }
}
