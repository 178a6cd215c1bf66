package cn.yq.aq.target.index;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A county's composite index over a period, with its rank among the registry's counties
 * (ascending, ties share a rank).
 *
 * @param subIndices     I_i = C_i / S_i per pollutant (three decimals)
 * @param concentrations C_i as evaluated: means of PM2.5, PM10, SO2, NO2; CO P95; O3 MDA8 P90
 * @param validDays      days with a valid daily AQI
 * @param goodDaysRatio  share of valid days with AQI ≤ 100, %
 * @param heavyDays      days with AQI &gt; 200 (重污染天)
 * @param valid          enough valid days for the period (month 27/25, year 324; other periods: any)
 */
public record CountyIndex(String county, String nameZh, BigDecimal compositeIndex, int rank, List<String> primaryPollutants,
                          Map<String, Double> subIndices, Map<String, Number> concentrations, int validDays,
                          double goodDaysRatio, int heavyDays, boolean valid, String data) {
}
