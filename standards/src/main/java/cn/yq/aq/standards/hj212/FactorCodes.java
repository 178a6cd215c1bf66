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

    private FactorCodes() {
    }

    /** The factor of a code for a system code (ST); empty for codes the contract has no field for. */
    public static Optional<Factor> of(String st, String code) {
        Map<String, Factor> table = SystemCode.FLUE_GAS.equals(st) ? FLUE_GAS : AMBIENT;
        return Optional.ofNullable(table.get(code));
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
