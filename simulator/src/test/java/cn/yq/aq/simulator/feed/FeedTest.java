package cn.yq.aq.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.emission.EmissionPollutant;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.standards.emission.LimitProfiles;
import cn.yq.aq.standards.hj212.Hj212Codec;
import cn.yq.aq.standards.hj212.Hj212Packet;

/** What the simulator's {@code replay} and {@code stations} put on the wire. */
class FeedTest {

    @TempDir
    Path dir;

    @Test
    void replayTurnsDatasetRowsIntoContractReadings() throws Exception {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, """
                year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,TEMP,PRES,DEWP,RAIN,wd,WSPM,station
                2014,1,15,8,82,130,21,45,1300,40,-3.5,1024.1,-20,0,NW,2.4,Dongsi
                2014,1,15,8,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,Tiantan
                2014,1,15,9,90,NA,20,44,1200.0,38,-3.0,1024.0,-19,0,E,1.1,Dongsi
                """, StandardCharsets.UTF_8);
        TreeMap<LocalDateTime, List<Replay.Reading>> hours = Replay.read(csv, null);
        assertThat(hours).hasSize(2);
        Replay.Reading first = hours.get(LocalDateTime.of(2014, 1, 15, 8, 0)).get(0);
        assertThat(first.station()).isEqualTo("bj-dongsi");
        // CO 1300 µg/m³ in the file is 1.3 mg/m³ in the contract; NW is the 15th of 16 points: 14 × 22.5 = 315°
        assertThat(first.values()).containsEntry("pm25", 82.0).containsEntry("co", 1.3).containsEntry("wind_dir", 315.0)
                .containsEntry("temp", -3.5).containsEntry("pressure", 1024.1).containsEntry("wind_speed", 2.4);
        // a station with nothing but NA sends nothing that could be mistaken for a value
        assertThat(hours.get(LocalDateTime.of(2014, 1, 15, 8, 0)).get(1).values()).isEmpty();
        // NA is left out, not sent as 0
        assertThat(hours.get(LocalDateTime.of(2014, 1, 15, 9, 0)).get(0).values()).doesNotContainKey("pm10").containsEntry("co", 1.2);
        // the interval start with its offset, as the contract wants
        assertThat(first.json(LocalDateTime.of(2026, 11, 26, 8, 0))).startsWith(
                "{\"station\":\"bj-dongsi\",\"time\":\"2026-11-26T08:00:00+08:00\",\"interval\":\"PT1H\",\"values\":{");
        assertThat(Replay.read(csv, java.util.Set.of("bj-tiantan")).values().stream().mapToInt(List::size).sum()).isEqualTo(1);
        assertThat(Replay.target("today-3")).isEqualTo(LocalDate.now(BeijingTime.ZONE).minusDays(3));
    }

    static Stations stations(String format) {
        Stations s = new Stations();
        s.registry = RegistryLoader.builtIn("yangquan");
        s.format = format;
        s.episodeStart = LocalDate.of(2025, 1, 10).atStartOfDay().plusHours(12);
        s.exceeding = "YQ-PD-B01";
        s.silent = "YQ-YX-P1";
        s.releasing = "YQ-PD-P1";
        return s;
    }

    @Test
    void stationsAreDeterministicAndCarryTheEpisodeTheBadBoilerAndTheSilentStation() {
        Stations s = stations("json");
        Station station = s.registry.station("YQ-CQ-01").orElseThrow();
        LocalDateTime before = LocalDateTime.of(2025, 1, 9, 14, 0);
        LocalDateTime during = LocalDateTime.of(2025, 1, 10, 14, 0);
        // the same hour gives the same values (sending again overwrites the same points)
        assertThat(s.ambient(station, during)).isEqualTo(s.ambient(station, during));
        // the episode multiplies particles by 3.2–3.8 (noise aside: at least about 2.5× the day before at the same hour)
        assertThat(s.ambient(station, during).get("pm25")).isGreaterThan(2.5 * s.ambient(station, before).get("pm25"));
        // winter is worse than summer at the same hour
        assertThat(s.ambient(station, LocalDateTime.of(2025, 1, 20, 8, 0)).get("pm25"))
                .isGreaterThan(s.ambient(station, LocalDateTime.of(2025, 7, 20, 8, 0)).get("pm25"));
        // only the industrial parks measure NMHC
        assertThat(s.ambient(station, during)).doesNotContainKey("nmhc");
        assertThat(s.ambient(s.registry.station("YQ-PD-P1").orElseThrow(), during)).containsKeys("nmhc", "thc", "ch4");
        // every pollutant of every boiler, corrected to its limit profile's reference O2 (as target-service does), is
        // within its limit, except the exceeding boiler's NOx in the day. O2 lies between reference + 0.5 and
        // reference + 2, so the factor (21 − ref)/(21 − O2) is at most (21 − ref)/(20.5 − ref): ultra-low 15/14.5 = 1.034,
        // gas 17.5/17 = 1.029, biomass 12/11.5 = 1.043. NOx ≤ 36 × 1.043 = 37.6 < 50; SO2 ≤ 22 × 1.043 = 23 < 35;
        // PM ≤ 5 × 1.043 = 5.2 < 10 (ultra-low, the lowest PM limit). Exceeding NOx ≥ 22 × 3.4 = 74.8 > 50.
        for (LocalDateTime hour = during; hour.isBefore(during.plusHours(24)); hour = hour.plusHours(1)) {
            for (Source source : s.registry.sources()) {
                Map<String, Double> v = s.cems(source, hour);
                LimitProfile profile = LimitProfiles.builtIn().get(source.limitProfile());
                for (EmissionPollutant p : List.of(EmissionPollutant.PM, EmissionPollutant.SO2, EmissionPollutant.NOX)) {
                    double corrected = profile.corrected(v.get(p.field()), v.get("o2"));
                    boolean day = hour.getHour() >= 6 && hour.getHour() < 18;
                    if (source.id().equals("YQ-PD-B01") && p == EmissionPollutant.NOX && day) {
                        assertThat(corrected).as(source.id() + " " + hour).isGreaterThan(profile.limit(p).getAsDouble());
                    } else {
                        assertThat(corrected).as(source.id() + " " + p + " " + hour).isLessThanOrEqualTo(profile.limit(p).getAsDouble());
                    }
                }
            }
            // the releasing park is above the NMHC reference 2.0 mg/m³ from 10:00 to 12:00 (2.6–3.6)
            double nmhc = s.ambient(s.registry.station("YQ-PD-P1").orElseThrow(), hour).get("nmhc");
            if (hour.getHour() >= 10 && hour.getHour() < 13) {
                assertThat(nmhc).as(hour.toString()).isBetween(2.6, 3.6);
            }
        }
        // the silent station sends nothing in the last 3 hours before now, and sends before that
        LocalDateTime now = LocalDateTime.of(2025, 1, 10, 20, 0);
        assertThat(s.hour(now, now)).extracting(Message::topic).doesNotContain("aq/v1/ambient/YQ-YX-P1")
                .contains("aq/v1/ambient/YQ-CQ-01", "aq/v1/cems/YQ-PD-B01");
        assertThat(s.hour(now.minusHours(4), now)).extracting(Message::topic).contains("aq/v1/ambient/YQ-YX-P1");
        assertThat(s.hour(now, now)).hasSize(s.registry.stations().size() - 1 + s.registry.sources().size());
    }

    @Test
    void hj212PacketsParseWithTheirCrcAndCarryTheDevicesUnits() {
        Stations s = stations("hj212");
        LocalDateTime h = LocalDateTime.of(2025, 1, 10, 8, 0);
        List<Message> messages = s.hour(h, h.plusHours(10));
        Source boiler = s.registry.source("YQ-CQ-B01").orElseThrow();
        Message m = messages.stream().filter(x -> x.topic().equals("aq/v1/hj212/" + boiler.mn())).findFirst().orElseThrow();
        String packet = new String(m.payload(), StandardCharsets.US_ASCII);
        Hj212Packet p = Hj212Codec.parse(packet); // checks the length and the CRC
        assertThat(p.st()).isEqualTo("31");
        assertThat(p.cn()).isEqualTo("2061");
        assertThat(p.mn()).isEqualTo(boiler.mn());
        assertThat(p.cp().dataTime()).contains(h);
        Map<String, Double> values = s.cems(boiler, h);
        // this boiler's logger sends flow in m³/s (registry hj212Units): the contract's m³/h ÷ 3600
        assertThat(Double.parseDouble(p.cp().factors().get("a00000").get("Avg"))).isCloseTo(values.get("flow") / 3600,
                org.assertj.core.data.Offset.offset(0.001));
        assertThat(Double.parseDouble(p.cp().factors().get("a21002").get("Avg"))).isEqualTo(values.get("nox"));
        assertThat(p.cp().factors().get("a21002").get("Flag")).isEqualTo("N");
        // stations: ST 22 on their MN topic
        Station station = s.registry.station("YQ-CQ-01").orElseThrow();
        assertThat(messages).extracting(Message::topic).contains("aq/v1/hj212/" + station.mn());
        String ambient = messages.stream().filter(x -> x.topic().equals("aq/v1/hj212/" + station.mn())).findFirst().map(
                x -> new String(x.payload(), StandardCharsets.US_ASCII)).orElseThrow();
        assertThat(Hj212Codec.parse(ambient).st()).isEqualTo("22");
    }
}
