package cn.yq.aq.standards.hj212;

import java.util.Map;
import java.util.Optional;

import cn.yq.aq.standards.Unit;

/**
 * Factor (pollutant) codes of HJ 212-2017 Table B.2 mapped to the contract's field names, per
 * kind of system: ambient (ST 22, 27) and flue gas (ST 31) use different names for the same code
 * (a21026 is {@code so2} in both, a01012 is the flue-gas {@code temp}). a05024 (O3) is not in
 * Table B.2 but is the de-facto code. The table's units are given for reference only: the units a
 * device sends are agreed per source and held in the registry, never inferred.
 */
public final class FactorCodes {

    /** A code's contract field and Table B.2 unit. */
    public record Factor(String code, String field, Unit tableUnit) {
    }

    private static final Map<String, Factor> AMBIENT = Map.ofEntries(
            factor("a34004", "pm25", Unit.NG_M3),
            factor("a34002", "pm10", Unit.NG_M3),
            factor("a21026", "so2", Unit.MG_M3),
            factor("a21004", "no2", Unit.MG_M3),
            factor("a21005", "co", Unit.MG_M3),
            factor("a05024", "o3", Unit.MG_M3),
            factor("a24088", "nmhc", Unit.MG_M3),
            factor("a24087", "thc", Unit.MG_M3),
            factor("a05002", "ch4", Unit.NG_M3),
            factor("a01001", "temp", Unit.CELSIUS),
            factor("a01002", "rh", Unit.PERCENT),
            factor("a01006", "pressure", Unit.KPA),
            factor("a01007", "wind_speed", Unit.M_S),
            factor("a01008", "wind_dir", Unit.DEGREE));

    private static final Map<String, Factor> FLUE_GAS = Map.ofEntries(
            factor("a34013", "pm", Unit.MG_M3),
            factor("a21026", "so2", Unit.MG_M3),
            factor("a21002", "nox", Unit.MG_M3),
            factor("a19001", "o2", Unit.PERCENT),
            factor("a00000", "flow", Unit.M3_S),
            factor("a01011", "velocity", Unit.M_S),
            factor("a01012", "temp", Unit.CELSIUS),
            factor("a01013", "pressure", Unit.KPA),
            factor("a01014", "humidity", Unit.PERCENT),
            factor("a24088", "nmhc", Unit.MG_M3));

    /**
     * Flue-gas codes of HJ/T 212-2005 (附录 B, the "原编码" column of HJ 212-2017 Table B.2) that CEMS loggers of that
     * generation still send, mapped to the same contract fields. Unverified against the standard's text [U]: a device
     * whose codes differ is configured with the 2017 codes or gets its unknown codes skipped (never a lost packet).
     */
    private static final Map<String, Factor> FLUE_GAS_2005 = Map.ofEntries(
            factor("01", "pm", Unit.MG_M3),
            factor("02", "so2", Unit.MG_M3),
            factor("03", "nox", Unit.MG_M3),
            factor("S01", "o2", Unit.PERCENT),
            factor("S02", "velocity", Unit.M_S),
            factor("S03", "temp", Unit.CELSIUS),
            factor("S05", "humidity", Unit.PERCENT),
            factor("S08", "pressure", Unit.KPA),
            factor("B02", "flow", Unit.M3_H));

    /** Which factor codes a device sends (the registry's {@code hj212Codes}). */
    public enum Edition {
        /** HJ 212-2017 ({@code a34004}, …): the default. */
        HJ212_2017,
        /** HJ/T 212-2005 numeric codes ({@code 01}, {@code S01}, …) for flue gas, with the 2017 codes also understood. */
        HJ212_2005;

        /** The registry's spelling: {@code 2017} or {@code 2005}. */
        public static Edition parse(String text) {
            return switch (text == null ? "2017" : text.trim()) {
                case "2017" -> HJ212_2017;
                case "2005" -> HJ212_2005;
                default -> throw new IllegalArgumentException("hj212Codes must be 2017 or 2005, not '" + text + "'");
            };
        }
    }

    private FactorCodes() {
    }

    /** The factor of a code for a system code (ST); empty for codes the contract has no field for. */
    public static Optional<Factor> of(String st, String code) {
        return of(st, code, Edition.HJ212_2017);
    }

    /**
     * The factor of a code for a system code (ST) and the device's edition of the codes; empty for codes the contract
     * has no field for. A 2005 device's 2017 codes are understood too.
     */
    public static Optional<Factor> of(String st, String code, Edition edition) {
        Map<String, Factor> table = SystemCode.FLUE_GAS.equals(st) ? FLUE_GAS : AMBIENT;
        Factor f = table.get(code);
        if (f == null && edition == Edition.HJ212_2005 && SystemCode.FLUE_GAS.equals(st)) {
            f = FLUE_GAS_2005.get(code);
        }
        return Optional.ofNullable(f);
    }

    /** The code for a contract field, for building packets (simulator, tests). */
    public static Optional<String> codeOf(String st, String field) {
        Map<String, Factor> table = SystemCode.FLUE_GAS.equals(st) ? FLUE_GAS : AMBIENT;
        return table.values().stream().filter(f -> f.field().equals(field)).map(Factor::code).findFirst();
    }

    private static Map.Entry<String, Factor> factor(String code, String field, Unit unit) {
        return Map.entry(code, new Factor(code, field, unit));
    }
}
