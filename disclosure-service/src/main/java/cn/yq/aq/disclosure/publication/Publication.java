package cn.yq.aq.disclosure.publication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the public side shows at one moment: the city's and the counties' AQI (today so far and the last 30
 * days), the warnings in force, the latest published month's county ranking and its list of units that exceeded
 * their emission limits, and which months are published. Only official figures of closed (封账) months are
 * published as rankings and lists; today's AQI is real-time and says so.
 */
public record Publication(String generatedAt, Place city, List<Place> counties, List<Warning> warnings, Ranking ranking,
                          Exceedances exceedances, List<Month> published) {

    /** The city or a county: its AQI today (so far) and one entry per day of the last 30 (oldest first). */
    public record Place(String code, String nameZh, Day today, List<Day> days) {
    }

    /**
     * One day's AQI ({@code aqi} null: no data). {@code complete}: the day has its 20 valid hours (HJ 663);
     * {@code official}: its month is closed.
     */
    public record Day(LocalDate date, Integer aqi, Integer level, String categoryZh, String colour, List<String> primaryPollutants,
                      boolean complete, boolean official) {
    }

    /** A heavy-pollution warning in force for the city or a county, with its text and the advice of HJ 633. */
    public record Warning(String scope, String nameZh, String level, String levelZh, String colour, String since, String validTo,
                          String title, String text) {
    }

    /**
     * A month's county ranking by composite index (best first), with the change against the month before and the same
     * month a year before where those are published too ({@code null} otherwise); {@code published} false: not closed.
     */
    public record Ranking(String month, boolean published, String closedAt, List<Rank> counties) {
    }

    /** One county's place: its index, and by how much (%) it changed (negative: better). */
    public record Rank(int rank, String county, String nameZh, BigDecimal compositeIndex, BigDecimal previousMonth,
                       BigDecimal changeVsPreviousMonthPct, BigDecimal sameMonthLastYear, BigDecimal changeVsLastYearPct) {
    }

    /** A month's units that exceeded an emission limit (from reviewed CEMS hours); {@code published} false: not closed. */
    public record Exceedances(String month, boolean published, String closedAt, List<Exceedance> units) {
    }

    /** One unit and pollutant: 企业名称, 污染物, 超标小时数. */
    public record Exceedance(String enterprise, String county, String countyZh, String pollutant, String pollutantZh, int hours) {
    }

    /** A published (closed) month. */
    public record Month(String month, String closedAt) {
    }
}
