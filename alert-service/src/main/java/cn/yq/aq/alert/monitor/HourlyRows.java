package cn.yq.aq.alert.monitor;

import java.util.Map;



/**
 * A row of one of target-service's derived measurements ({@code cems_hourly}, {@code vocs_hourly}, read by
 * {@code store/MonitorStore}): the monitors alert on what target-service computed, never on a computation of their own.
 */
final class HourlyRows {

    private HourlyRows() {
    }

    /** A pollutant's hour: its value against its limit, and whether target-service found it exceeding. */
    static ExceedanceTracker.Value value(Map<String, Object> row, String value, String limit, String exceed) {
        if (row.get(value) instanceof Number v && row.get(limit) instanceof Number l && row.get(exceed) instanceof Number e) {
            return new ExceedanceTracker.Value(new Episode.Worst(v.doubleValue(), l.doubleValue()), e.intValue() == 1);
        }
        return null;
    }
}
