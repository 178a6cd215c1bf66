package cn.yq.aq.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry: county-level units, stations and sources, with lookups by id and HJ 212 MN.
 * Ids are restricted to {@link #ID_PATTERN}: they become MQTT topic levels, usernames and InfluxDB
 * tag values.
 */
public final class Registry {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String name;
    private final String nameZh;
    private final Map<String, County> counties = new LinkedHashMap<>();
    private final Map<String, Station> stations = new LinkedHashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Map<String, Object> byMn = new LinkedHashMap<>();

    Registry(String name, String nameZh, List<County> counties, List<Station> stations, List<Source> sources) {
        this.name = name;
        this.nameZh = nameZh;
        for (County c : counties) {
            requireId("county", c.code());
            if (this.counties.put(c.code(), c) != null) {
                throw new RegistryException("county " + c.code() + " is listed twice");
            }
        }
        for (Station s : stations) {
            requireId("station", s.id());
            requireCounty("station " + s.id(), s.county());
            if (this.stations.put(s.id(), s) != null || this.sources.containsKey(s.id())) {
                throw new RegistryException("id " + s.id() + " is listed twice");
            }
            mn(s.mn(), s);
        }
        for (Source s : sources) {
            requireId("source", s.id());
            requireCounty("source " + s.id(), s.county());
            if (this.sources.put(s.id(), s) != null || this.stations.containsKey(s.id())) {
                throw new RegistryException("id " + s.id() + " is listed twice");
            }
            mn(s.mn(), s);
        }
    }

    private void mn(String mn, Object owner) {
        if (mn != null && byMn.put(mn, owner) != null) {
            throw new RegistryException("MN " + mn + " is used twice");
        }
    }

    private static void requireId(String kind, String id) {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            throw new RegistryException(kind + " id '" + id + "' must match " + ID_PATTERN.pattern());
        }
    }

    private void requireCounty(String what, String county) {
        if (!counties.containsKey(county)) {
            throw new RegistryException(what + " names unknown county " + county);
        }
    }

    /** The registry's name ({@code yangquan}, {@code beijing}). */
    public String name() {
        return name;
    }

    public String nameZh() {
        return nameZh;
    }

    public List<County> counties() {
        return List.copyOf(counties.values());
    }

    public List<Station> stations() {
        return List.copyOf(stations.values());
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    public Optional<County> county(String code) {
        return Optional.ofNullable(counties.get(code));
    }

    public Optional<Station> station(String id) {
        return Optional.ofNullable(stations.get(id));
    }

    public Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** The station or source an HJ 212 MN belongs to. */
    public Optional<Station> stationByMn(String mn) {
        return byMn.get(mn) instanceof Station s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Source> sourceByMn(String mn) {
        return byMn.get(mn) instanceof Source s ? Optional.of(s) : Optional.empty();
    }

    /** Stations whose values make up a county's value. */
    public List<Station> evaluationStations(String county) {
        return stations.values().stream().filter(s -> s.countsForCounty() && s.county().equals(county)).toList();
    }

    /** Stations whose values make up the city's value. */
    public List<Station> cityStations() {
        return stations.values().stream().filter(Station::countsForCity).toList();
    }
}
