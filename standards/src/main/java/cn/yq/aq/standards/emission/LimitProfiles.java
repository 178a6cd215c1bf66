package cn.yq.aq.standards.emission;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Emission limit profiles read from data (CSV), never coded: the built-in file
 * {@code limit-profiles.csv} holds GB 13271-2014 Tables 1–3 by fuel, the ultra-low and gas low-NOx
 * profiles; a deployment may load its own file (e.g. with DB14/1929-2019 values) instead.
 * <p>
 * Format: {@code id,referenceO2,pm,so2,nox,hg,descriptionZh}; empty cells mean no limit; {@code #}
 * starts a comment line.
 */
public final class LimitProfiles {

    private final Map<String, LimitProfile> profiles;

    private LimitProfiles(Map<String, LimitProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** The profiles shipped with the library. */
    public static LimitProfiles builtIn() {
        try (InputStream in = LimitProfiles.class.getResourceAsStream("limit-profiles.csv")) {
            if (in == null) {
                throw new IllegalStateException("limit-profiles.csv missing from the standards library");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads profiles in the CSV format above; a malformed line fails naming its number. */
    public static LimitProfiles parse(Reader reader) throws IOException {
        Map<String, LimitProfile> map = new LinkedHashMap<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        boolean header = true;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 7) {
                throw new IllegalArgumentException("limit profiles line " + number + ": 7 cells expected, got " + cells.length);
            }
            try {
                Map<EmissionPollutant, Double> limits = new EnumMap<>(EmissionPollutant.class);
                EmissionPollutant[] order = {EmissionPollutant.PM, EmissionPollutant.SO2, EmissionPollutant.NOX,
                        EmissionPollutant.HG};
                for (int i = 0; i < order.length; i++) {
                    if (!cells[2 + i].isBlank()) {
                        limits.put(order[i], Double.parseDouble(cells[2 + i].trim()));
                    }
                }
                String id = cells[0].trim();
                if (map.put(id, new LimitProfile(id, cells[6].trim(), Double.parseDouble(cells[1].trim()), limits)) != null) {
                    throw new IllegalArgumentException("duplicate profile " + id);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("limit profiles line " + number + ": " + e.getMessage(), e);
            }
        }
        return new LimitProfiles(map);
    }

    public Optional<LimitProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public LimitProfile get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown limit profile " + id));
    }

    public Map<String, LimitProfile> all() {
        return profiles;
    }
}
