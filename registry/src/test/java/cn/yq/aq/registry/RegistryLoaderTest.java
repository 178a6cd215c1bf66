package cn.yq.aq.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Unit;
import cn.yq.aq.standards.emission.Fuel;

class RegistryLoaderTest {

    @Test
    void yangquanRegistry() {
        Registry r = RegistryLoader.builtIn("yangquan");
        assertThat(r.counties()).extracting(County::nameZh).containsExactly("城区", "矿区", "郊区", "平定县", "盂县", "高新区");
        Station centre = r.station("YQ-CQ-01").orElseThrow();
        assertThat(centre.county()).isEqualTo("chengqu");
        assertThat(centre.type()).isEqualTo(StationType.NATIONAL);
        assertThat(r.stationByMn("YQ0000000000000000000001")).contains(centre);
        assertThat(r.station("YQ-PD-P1").orElseThrow().pollutants()).contains("nmhc");
        assertThat(r.station("YQ-PD-P1").orElseThrow().type().code()).isEqualTo("industrial-park");
        Source boiler = r.source("YQ-JQ-B03").orElseThrow();
        assertThat(boiler.fuel()).isEqualTo(Fuel.GAS);
        assertThat(boiler.hj212Units()).containsEntry("flow", Unit.M3_S);
        assertThat(r.sourceByMn(boiler.mn())).contains(boiler);
        assertThat(r.stationByMn(boiler.mn())).isEmpty();
        // city value = the four national stations; 平定县 = its two county stations (not the park)
        assertThat(r.cityStations()).extracting(Station::id).containsExactly("YQ-CQ-01", "YQ-CQ-02", "YQ-KQ-01", "YQ-GX-01");
        assertThat(r.evaluationStations("pingding")).extracting(Station::id).containsExactly("YQ-PD-01", "YQ-PD-02");
    }

    @Test
    void beijingRegistryHasTwelveStationsEachItsOwnUnit() {
        Registry r = RegistryLoader.builtIn("beijing");
        assertThat(r.stations()).hasSize(12).allSatisfy(s -> {
            assertThat(s.county()).isEqualTo(s.id());
            assertThat(s.id()).startsWith("bj-");
            assertThat(s.countsForCity()).isTrue();
        });
        assertThat(r.station("bj-wanshouxigong")).isPresent();
        assertThat(r.sources()).isEmpty();
    }

    @Test
    void unsafeOrInconsistentEntriesAreRefused() {
        String head = "name: t\ncounties:\n  - {code: a, nameZh: 甲}\n";
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(head
                + "stations:\n  - {id: 'S 1', name: x, county: a, type: national, lat: 1, lon: 1}\n"), "t.yml"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("S 1");
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(head
                + "stations:\n  - {id: 'S,1', name: x, county: a, type: national, lat: 1, lon: 1}\n"), "t.yml"))
                .isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(head
                + "stations:\n  - {id: S1, name: x, county: b, type: national, lat: 1, lon: 1}\n"), "t.yml"))
                .hasMessageContaining("unknown county b");
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(head
                + "stations:\n  - {id: S1, name: x, county: a, type: national, lat: 1, lon: 1, mn: M1}\n"
                + "  - {id: S2, name: x, county: a, type: national, lat: 1, lon: 1, mn: M1}\n"), "t.yml"))
                .hasMessageContaining("MN M1");
        assertThatThrownBy(() -> RegistryLoader.builtIn("nowhere")).hasMessageContaining("nowhere");
    }

    /*
     * What the hand-written SnakeYAML map walk missed: it read `lat: north` as NumberFormatException
     * without saying where, took a misspelt key for an absent one (countsForCity silently false), and
     * reported a missing field by printing the whole map. The file, the entry and the field are named now.
     */
    static final String HEAD = "name: t\ncounties:\n  - {code: a, nameZh: 甲}\nstations:\n"
            + "  - {id: S1, name: x, county: a, type: national, lat: 1, lon: 1}\n";

    @Test
    void aValueOfTheWrongTypeNamesTheFileTheEntryAndTheField() {
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(HEAD
                + "  - {id: S2, name: y, county: a, type: national, lat: north, lon: 1}\n"), "yangquan-test.yml"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("yangquan-test.yml: entry stations[1] field 'lat': ")
                .hasMessageContaining("north");
    }

    @Test
    void aMisspeltKeyIsAnErrorNotASilentDefault() {
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(HEAD
                + "  - {id: S2, name: y, county: a, type: national, lat: 1, lon: 1, countForCity: true}\n"), "t.yml"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("t.yml: entry stations[1] field 'countForCity': ");
    }

    @Test
    void aMissingRequiredFieldNamesTheEntryById() {
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(HEAD
                + "  - {id: S2, name: y, county: a, lat: 1, lon: 1}\n"
                + "sources:\n  - {id: B1, enterprise: e, county: a, fuel: coal, limitProfile: ultra-low}\n"), "t.yml"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("entry stations[1] (S2) field 'type' must not be blank")
                .hasMessageContaining("entry sources[0] (B1) field 'capacityTph' must not be null");
    }

    @Test
    void quotedValuesAndAbsentOptionalFieldsReadAsWritten() {
        Registry r = RegistryLoader.read(new StringReader(HEAD
                + "  - {id: 'S-2', name: \"y: 乙\", county: a, type: provincial, lat: 37.8, lon: '113.5', countsForCounty: true}\n"), "t.yml");
        Station s = r.station("S-2").orElseThrow();
        assertThat(s.name()).isEqualTo("y: 乙");
        assertThat(s.lon()).isEqualTo(113.5); // a quoted number is still a number
        assertThat(s.countsForCounty()).isTrue();
        assertThat(s.countsForCity()).isFalse(); // absent: false
        assertThat(s.pollutants()).isEqualTo(RegistryLoader.DEFAULT_POLLUTANTS);
    }

    @Test
    void anUnknownStationTypeNamesTheEntryAndTheTypesThereAre() {
        assertThatThrownBy(() -> RegistryLoader.read(new StringReader(HEAD
                + "  - {id: S2, name: y, county: a, type: county, lat: 1, lon: 1}\n"), "t.yml"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("t.yml: entry stations[1] (S2) field 'type': 'county' is not one of "
                        + "[national, provincial, township, industrial-park, roadside]");
    }
}
