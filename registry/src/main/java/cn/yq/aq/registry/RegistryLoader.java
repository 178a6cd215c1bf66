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

import java.util.stream.Collectors;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

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

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // an absent countsForCounty is false
            .build();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    /**
     * Binds the YAML to {@link RegistryFile} (Jackson), validates it (Bean Validation), then builds the
     * registry. Every error names the file, the entry ({@code stations[3] (YQ-CQ-01)}) and the field.
     */
    static Registry read(Reader reader, String origin) {
        RegistryFile file;
        try {
            file = YAML.readValue(reader, RegistryFile.class);
        } catch (DatabindException e) {
            throw new RegistryException(origin + ": " + where(e.getPath()) + ": " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new RegistryException(origin + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (file == null) {
            throw new RegistryException(origin + " is empty");
        }
        Set<ConstraintViolation<RegistryFile>> violations = VALIDATOR.validate(file);
        if (!violations.isEmpty()) {
            throw new RegistryException(origin + ": " + violations.stream()
                    .map(v -> entry(file, v.getPropertyPath().toString()) + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        List<County> counties = new ArrayList<>();
        List<Station> stations = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        List<RegistryFile.CountyEntry> c = orEmpty(file.counties());
        for (int i = 0; i < c.size(); i++) {
            RegistryFile.CountyEntry e = c.get(i);
            counties.add(new County(e.code(), e.nameZh(), e.nameEn() == null ? "" : e.nameEn()));
        }
        List<RegistryFile.StationEntry> st = orEmpty(file.stations());
        for (int i = 0; i < st.size(); i++) {
            RegistryFile.StationEntry s = st.get(i);
            stations.add(built(origin, "stations", i, s.id(), () -> new Station(s.id(), s.name(), s.county(),
                    StationType.of(s.type()), s.lat(), s.lon(), Set.copyOf(s.pollutants() == null ? DEFAULT_POLLUTANTS : s.pollutants()),
                    s.countsForCounty(), s.countsForCity(), s.mn(), units(s.hj212Units()),
                    cn.yq.aq.standards.hj212.FactorCodes.Edition.parse(s.hj212Codes()))));
        }
        List<RegistryFile.SourceEntry> so = orEmpty(file.sources());
        for (int i = 0; i < so.size(); i++) {
            RegistryFile.SourceEntry s = so.get(i);
            sources.add(built(origin, "sources", i, s.id(), () -> new Source(s.id(), s.enterprise(), s.county(),
                    Fuel.of(s.fuel()), s.capacityTph(), s.limitProfile(), s.mn(),
                    s.minuteInterval() == null ? Duration.ofMinutes(1) : s.minuteInterval(), units(s.hj212Units()),
                    cn.yq.aq.standards.hj212.FactorCodes.Edition.parse(s.hj212Codes()))));
        }
        try {
            return new Registry(file.name(), file.nameZh() == null ? file.name() : file.nameZh(), counties, stations, sources);
        } catch (RegistryException e) {
            throw new RegistryException(origin + ": " + e.getMessage(), e);
        }
    }

    /** One entry built; what it refuses (an unknown fuel, a unit) names the file and the entry. */
    private static <T> T built(String origin, String list, int index, String id, java.util.function.Supplier<T> entry) {
        try {
            return entry.get();
        } catch (RuntimeException e) {
            throw new RegistryException(origin + ": entry " + list + "[" + index + "] (" + id + ") " + e.getMessage(), e);
        }
    }

    /** {@code stations[3].lat} as {@code stations[3] (YQ-CQ-01) field 'lat'}. */
    private static String where(List<JacksonException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        String at = b.toString();
        int dot = at.lastIndexOf('.');
        return dot < 0 ? "field '" + at + "'" : "entry " + at.substring(0, dot) + " field '" + at.substring(dot + 1) + "'";
    }

    /** A violation's path with the entry's id: {@code stations[3] (YQ-CQ-01) field 'lat'}. */
    private static String entry(RegistryFile file, String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(counties|stations|sources)\\[(\\d+)]\\.?(.*)").matcher(path);
        if (!m.matches()) {
            return "field '" + path + "'";
        }
        int i = Integer.parseInt(m.group(2));
        String id = switch (m.group(1)) {
            case "counties" -> file.counties().get(i) == null ? null : file.counties().get(i).code();
            case "stations" -> file.stations().get(i) == null ? null : file.stations().get(i).id();
            default -> file.sources().get(i) == null ? null : file.sources().get(i).id();
        };
        return "entry " + m.group(1) + "[" + i + "]" + (id == null ? "" : " (" + id + ")")
                + (m.group(3).isEmpty() ? "" : " field '" + m.group(3) + "'");
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Unit> units(Map<String, String> declared) {
        Map<String, Unit> units = new LinkedHashMap<>();
        if (declared != null) {
            declared.forEach((field, unit) -> units.put(field, Unit.parse(unit)));
        }
        return units;
    }
}
