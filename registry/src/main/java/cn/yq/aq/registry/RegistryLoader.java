package cn.yq.aq.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.yq.aq.standards.Unit;
import cn.yq.aq.standards.emission.Fuel;

/**
 * Reads a registry YAML file (see {@code deploy/registry/yangquan.yml}). The built-in registries
 * ({@code yangquan}, {@code beijing}) ship in this jar; a deployment may point at its own file.
 */
public final class RegistryLoader {

    /** The pollutants a station measures unless its entry lists them. */
    public static final Set<String> DEFAULT_POLLUTANTS = Set.of("pm25", "pm10", "so2", "no2", "co", "o3");

    private RegistryLoader() {
    }

    /** A built-in registry by name ({@code yangquan}, {@code beijing}). */
    public static Registry builtIn(String name) {
        if (!Registry.ID_PATTERN.matcher(name).matches()) {
            throw new RegistryException("bad registry name " + name);
        }
        try (InputStream in = RegistryLoader.class.getResourceAsStream(name + ".yml")) {
            if (in == null) {
                throw new RegistryException("no built-in registry named '" + name + "' (yangquan, beijing)");
            }
            return read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), name + ".yml");
        } catch (IOException e) {
            throw new RegistryException("cannot read built-in registry " + name, e);
        }
    }

    /** The registry file at {@code path}, or the built-in {@code name} when the path is blank. */
    public static Registry load(String path, String name) {
        if (path == null || path.isBlank()) {
            return builtIn(name);
        }
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            return read(reader, path);
        } catch (IOException e) {
            throw new RegistryException("cannot read registry file " + path + ": " + e.getMessage(), e);
        }
    }

    static Registry read(Reader reader, String origin) {
        Map<String, Object> root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (RuntimeException e) {
            throw new RegistryException(origin + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new RegistryException(origin + " is empty");
        }
        try {
            List<County> counties = new ArrayList<>();
            for (Map<String, Object> c : list(root, "counties")) {
                counties.add(new County(str(c, "code"), str(c, "nameZh"), opt(c, "nameEn", "")));
            }
            List<Station> stations = new ArrayList<>();
            for (Map<String, Object> s : list(root, "stations")) {
                List<String> pollutants = s.containsKey("pollutants") ? strings(s.get("pollutants")) : List.copyOf(DEFAULT_POLLUTANTS);
                stations.add(new Station(str(s, "id"), str(s, "name"), str(s, "county"),
                        StationType.of(str(s, "type")), num(s, "lat"), num(s, "lon"), Set.copyOf(pollutants),
                        bool(s, "countsForCounty"), bool(s, "countsForCity"), opt(s, "mn", null), units(s)));
            }
            List<Source> sources = new ArrayList<>();
            for (Map<String, Object> s : list(root, "sources")) {
                sources.add(new Source(str(s, "id"), str(s, "enterprise"), str(s, "county"), Fuel.of(str(s, "fuel")),
                        num(s, "capacityTph"), str(s, "limitProfile"), opt(s, "mn", null),
                        Duration.parse(opt(s, "minuteInterval", "PT1M")), units(s)));
            }
            return new Registry(str(root, "name"), opt(root, "nameZh", str(root, "name")), counties, stations, sources);
        } catch (RegistryException e) {
            throw new RegistryException(origin + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RegistryException(origin + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new RegistryException(key + " must be a list");
        }
        return (List<Map<String, Object>>) l;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new RegistryException("'" + key + "' missing in " + m);
        }
        return v.toString();
    }

    private static String opt(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }

    private static double num(Map<String, Object> m, String key) {
        return Double.parseDouble(str(m, key));
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v != null && Boolean.parseBoolean(v.toString());
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List<?> l)) {
            throw new RegistryException("pollutants must be a list");
        }
        return l.stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Unit> units(Map<String, Object> m) {
        Object v = m.get("hj212Units");
        Map<String, Unit> units = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((field, unit) -> units.put(field, Unit.parse(unit.toString())));
        }
        return units;
    }
}
