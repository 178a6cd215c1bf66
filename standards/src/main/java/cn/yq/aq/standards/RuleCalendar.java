package cn.yq.aq.standards;

import java.time.LocalDate;

import cn.yq.aq.standards.aqi.Hj633;
import cn.yq.aq.standards.limits.Gb3095;

/**
 * Chooses the rule set by the date of the data: the 2012-era rules (GB 3095-2012, HJ 633—2012,
 * HJ 663-2013) before the switch date, the 2026 rules (GB 3095—2026 transition phase, HJ 633—2026)
 * from it, and the GB 3095—2026 final limits from the final-phase date. Both dates are
 * configuration; the defaults are those of GB 3095—2026 §4.4 and HJ 633—2026's foreword.
 *
 * @param switchDate     first day of the 2026 rules (default 2026-03-01)
 * @param finalPhaseDate first day of the GB 3095—2026 final limits (default 2031-01-01)
 */
public record RuleCalendar(LocalDate switchDate, LocalDate finalPhaseDate) {

    public static final LocalDate DEFAULT_SWITCH = LocalDate.of(2026, 3, 1);
    public static final LocalDate DEFAULT_FINAL_PHASE = LocalDate.of(2031, 1, 1);

    public RuleCalendar {
        if (!finalPhaseDate.isAfter(switchDate)) {
            throw new IllegalArgumentException("final phase " + finalPhaseDate + " must follow the switch " + switchDate);
        }
    }

    public static RuleCalendar defaults() {
        return new RuleCalendar(DEFAULT_SWITCH, DEFAULT_FINAL_PHASE);
    }

    /** The HJ 633 version for data of that (Asia/Shanghai) day. */
    public Hj633 aqi(LocalDate date) {
        return date.isBefore(switchDate) ? Hj633.V2012 : Hj633.V2026;
    }

    /** The GB 3095 edition and phase for data of that day. */
    public Gb3095 limits(LocalDate date) {
        if (date.isBefore(switchDate)) {
            return Gb3095.V2012;
        }
        return date.isBefore(finalPhaseDate) ? Gb3095.V2026_TRANSITION : Gb3095.V2026_FINAL;
    }

    /** A label of the standards applied, for reports ({@code "HJ 633-2012"} …). */
    public String aqiStandardName(LocalDate date) {
        return aqi(date) == Hj633.V2012 ? "HJ 633-2012" : "HJ 633-2026";
    }
}
