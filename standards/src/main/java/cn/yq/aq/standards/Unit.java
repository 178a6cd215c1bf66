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
    KPA(Kind.PRESSURE, 10),
    HPA(Kind.PRESSURE, 1),
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
