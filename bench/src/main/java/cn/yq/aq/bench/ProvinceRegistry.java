package cn.yq.aq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Shanxi-sized registry: {@code cities} cities sharing {@code units} county-level units (119: nine cities of 11, two
 * of 10), the units on a grid over the province (about 35–40° N, 110.5–114.5° E); ambient stations dealt out to the
 * units in turn: the assessment stations (national where the index is a multiple of 3, provincial otherwise), the
 * industrial-park stations with NMHC, and the township micro-stations (minute data, not in the assessment); boilers
 * dealt out the same way. Station {@code i} lies within a few km of its unit's centre, so every station has neighbours.
 */
final class ProvinceRegistry {

    /** The generated registry's stations and sources, by kind, as the benchmark feeds them. */
    record Province(Path file, List<String> assessed, List<String> parks, List<String> micro, List<String> sources, int units) {

        int stations() {
            return assessed.size() + parks.size() + micro.size();
        }

        /** Every ambient station, in registry order (the synthetic year's index). */
        List<String> allStations() {
            List<String> all = new ArrayList<>(assessed);
            all.addAll(parks);
            all.addAll(micro);
            return all;
        }
    }

    private ProvinceRegistry() {
    }

    static Province write(Path dir, int cities, int units, int stations, int parks, int micro, int sources) throws IOException {
        if (parks + micro >= stations || units < cities) {
            throw new IllegalArgumentException("parks + micro-stations must leave assessment stations, and units >= cities");
        }
        StringBuilder y = new StringBuilder("name: province\ncounties:\n");
        for (int u = 0; u < units; u++) {
            int city = u % cities;
            y.append(String.format(Locale.ROOT, "  - {code: u%03d, nameZh: 市%02d县%03d, nameEn: city %d unit %d}%n", u + 1, city + 1,
                    u + 1, city + 1, u + 1));
        }
        y.append("stations:\n");
        List<String> assessed = new ArrayList<>();
        List<String> parkIds = new ArrayList<>();
        List<String> microIds = new ArrayList<>();
        int regular = stations - parks - micro;
        for (int i = 0; i < stations; i++) {
            int unit = i % units;
            double lat = 35.0 + (unit / 12) * 0.5 + ((i / units) % 5) * 0.01;
            double lon = 110.5 + (unit % 12) * 0.33 + ((i / units) % 3) * 0.01;
            String id = String.format(Locale.ROOT, "P%04d", i + 1);
            String kind;
            if (i < regular) {
                kind = (i % 3 == 0 ? "national" : "provincial") + ", countsForCounty: true, countsForCity: " + (i % 3 == 0);
                assessed.add(id);
            } else if (i < regular + parks) {
                kind = "industrial-park, countsForCounty: false, countsForCity: false, pollutants: [pm25, pm10, so2, no2, co, o3, nmhc]";
                parkIds.add(id);
            } else {
                kind = "township, countsForCounty: false, countsForCity: false";
                microIds.add(id);
            }
            y.append(String.format(Locale.ROOT, "  - {id: %s, name: 站%d, county: u%03d, type: %s, lat: %.3f, lon: %.3f}%n", id, i + 1,
                    unit + 1, kind, lat, lon));
        }
        y.append("sources:\n");
        List<String> sourceIds = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String id = String.format(Locale.ROOT, "B%04d", i + 1);
            sourceIds.add(id);
            y.append(String.format(Locale.ROOT, "  - {id: %s, enterprise: 企业%d, county: u%03d, fuel: %s, capacityTph: %d,"
                    + " limitProfile: ultra-low}%n", id, i + 1, i % units + 1, i % 4 == 0 ? "gas" : "coal", 10 + (i % 8) * 5));
        }
        Path file = dir.resolve("province.yml");
        Files.writeString(file, y, StandardCharsets.UTF_8);
        return new Province(file, assessed, parkIds, microIds, sourceIds, units);
    }
}
