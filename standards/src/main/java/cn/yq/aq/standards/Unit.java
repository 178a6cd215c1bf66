package cn.yq.aq.standards;

/**
 * Units of the readings, with conversion between units of the same kind. HJ 212 devices send in
 * the units agreed per data source (HJ 212-2017 Table B.2 prints ng/m³ for PM, most ambient
 * stations send µg/m³): the registry names them, this converts.
 */
public enum Unit {
    NG_M3(Kind.MASS_CONCENTRATION, 1),
    UG_M3(Kind.MASS_CONCENTRATION, 1e3),
    MG_M3(Kind.MASS_CONCENTRATION, 1e6),
    M3_S(Kind.FLOW, 3600),
    M3_H(Kind.FLOW, 1),
    PERCENT(Kind.FRACTION, 1),
    CELSIUS(Kind.TEMPERATURE, 1),
    KPA(Kind.PRESSURE, 1000),
    PA(Kind.PRESSURE, 1),
    HPA(Kind.PRESSURE, 100),
    M_S(Kind.SPEED, 1),
    DEGREE(Kind.ANGLE, 1);

    /** What a unit measures; only units of one kind convert into each other. */
    public enum Kind { MASS_CONCENTRATION, FLOW, FRACTION, TEMPERATURE, PRESSURE, SPEED, ANGLE }

    private final Kind kind;
    private final double toBase;

    Unit(Kind kind, double toBase) {
        this.kind = kind;
        this.toBase = toBase;
    }

    /**
     * Parses the registry's spelling: {@code ng/m3 ug/m3 mg/m3 m3/s m3/h % C kPa hPa Pa m/s deg}
     * (also {@code µg/m³} style).
     */
    public static Unit parse(String text) {
        String t = text.trim().replace("³", "3").replace("µ", "u").replace("μ", "u").replace("°", "");
        return switch (t) {
            case "ng/m3" -> NG_M3;
            case "ug/m3" -> UG_M3;
            case "mg/m3" -> MG_M3;
            case "m3/s" -> M3_S;
            case "m3/h" -> M3_H;
            case "%" -> PERCENT;
            case "C" -> CELSIUS;
            case "kPa" -> KPA;
            case "Pa" -> PA;
            case "hPa" -> HPA;
            case "m/s" -> M_S;
            case "deg" -> DEGREE;
            default -> throw new IllegalArgumentException("unknown unit '" + text + "'");
        };
    }

    public Kind kind() {
        return kind;
    }

    /** Converts {@code value} in this unit to {@code target}; both must be of the same kind. */
    public double convert(double value, Unit target) {
        if (target.kind != kind) {
            throw new IllegalArgumentException("cannot convert " + this + " to " + target);
        }
        if (target == this) {
            return value;
        }
        // multiply or divide by an exact power of ten (or 3600) so that 75600 ng/m³ is exactly 75.6 µg/m³
        return toBase >= target.toBase ? value * (toBase / target.toBase) : value / (target.toBase / toBase);
    }
}
