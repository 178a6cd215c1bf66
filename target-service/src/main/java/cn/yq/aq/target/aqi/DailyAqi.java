package cn.yq.aq.target.aqi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One day's AQI as the API gives it (concentrations as reported: µg/m³ integers, CO mg/m³ with one
 * decimal). {@code data}: {@code reviewed} (the official figure: approved marks applied) or {@code raw}
 * (the readings as they arrived); {@code closedAt}: when its month was closed (封账), absent while open.
 */
public record DailyAqi(LocalDate date, Integer aqi, Integer level, String category, String categoryEn, String colour,
                       List<String> primaryPollutants, Map<String, Integer> iaqi, Map<String, Number> concentrations,
                       boolean valid, String standard, String data,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                       String closedAt) {
}
