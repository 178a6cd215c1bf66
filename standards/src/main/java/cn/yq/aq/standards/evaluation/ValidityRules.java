package cn.yq.aq.standards.evaluation;

import java.time.Month;
import java.time.YearMonth;

/**
 * Data-validity minimums, GB 3095-2012 Table 4 (= GB 3095—2026 Table 4) and HJ 663-2013.
 *
 * @param minHoursPerDay          hourly means for a valid daily mean (≥ 20)
 * @param minHoursPer8h           hourly means for a valid 8-h moving average (≥ 6 of 8)
 * @param firstWindowEndHour      the daily max 8-h O3 takes windows ending at this hour … (8, i.e. 00:00–08:00)
 * @param lastWindowEndHour       … up to this hour (24, i.e. 16:00–24:00): 17 windows
 * @param minValidWindows         valid 8-h windows for a valid daily max 8-h O3; HJ 663-2013's "14" is
 *                                unverified [U], hence configuration
 * @param exceedingCountsAnyway   with fewer windows, the daily max 8-h O3 still counts when it exceeds
 *                                the limit (HJ 663-2013 as recalled [U])
 * @param minDaysPerMonth         valid days for a valid month (27)
 * @param minDaysPerFebruary      … in February (25)
 * @param minDaysPerYear          valid days for a valid year (324)
 */
public record ValidityRules(int minHoursPerDay, int minHoursPer8h, int firstWindowEndHour, int lastWindowEndHour,
                            int minValidWindows, boolean exceedingCountsAnyway, int minDaysPerMonth,
                            int minDaysPerFebruary, int minDaysPerYear) {

    public ValidityRules {
        if (firstWindowEndHour < 8 || lastWindowEndHour > 24 || firstWindowEndHour > lastWindowEndHour) {
            throw new IllegalArgumentException("8-h windows must end between 08:00 and 24:00");
        }
        if (minHoursPerDay < 1 || minHoursPerDay > 24 || minHoursPer8h < 1 || minHoursPer8h > 8) {
            throw new IllegalArgumentException("hour minimums out of range");
        }
    }

    /** The 2012-era values (identical in GB 3095—2026 Table 4). */
    public static ValidityRules standard() {
        return new ValidityRules(20, 6, 8, 24, 14, true, 27, 25, 324);
    }

    /** Valid days a month needs. */
    public int minDays(YearMonth month) {
        return month.getMonth() == Month.FEBRUARY ? minDaysPerFebruary : minDaysPerMonth;
    }
}
