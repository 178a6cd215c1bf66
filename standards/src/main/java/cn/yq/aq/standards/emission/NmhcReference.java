package cn.yq.aq.standards.emission;

/**
 * Reference values for NMHC (mg/m³). All unverified [U] against the standards' text, hence
 * overridable: the services take them from configuration with these as defaults.
 * <ul>
 * <li>GB 37822-2019 Annex A Table A.1, in-plant fugitive NMHC: 1-h mean 10 (special limit 6), any
 * single measurement 30 (special 20);</li>
 * <li>DB13/1577—2012 (Hebei), ambient NMHC, Grade II 1-h 2.0 (Grade I 1.0): the reference commonly
 * borrowed for industrial-park ambient stations.</li>
 * </ul>
 *
 * @param id          name used in configuration
 * @param descriptionZh source, in Chinese
 * @param hourlyLimit 1-h mean limit
 */
public record NmhcReference(String id, String descriptionZh, double hourlyLimit) {

    public static final NmhcReference AMBIENT_DB13_1577_GRADE_II =
            new NmhcReference("db13-1577-ii", "DB13/1577—2012 二级 小时值", 2.0);
    public static final NmhcReference AMBIENT_DB13_1577_GRADE_I =
            new NmhcReference("db13-1577-i", "DB13/1577—2012 一级 小时值", 1.0);
    public static final NmhcReference FUGITIVE_GB37822 =
            new NmhcReference("gb37822", "GB 37822-2019 厂区内 小时平均", 10.0);
    public static final NmhcReference FUGITIVE_GB37822_SPECIAL =
            new NmhcReference("gb37822-special", "GB 37822-2019 厂区内 特别排放限值 小时平均", 6.0);

    /** The built-in references. */
    public static final java.util.List<NmhcReference> BUILT_IN = java.util.List.of(AMBIENT_DB13_1577_GRADE_II,
            AMBIENT_DB13_1577_GRADE_I, FUGITIVE_GB37822, FUGITIVE_GB37822_SPECIAL);

    /**
     * The built-in reference {@code id}, with a local hourly limit instead of its own when
     * {@code localHourlyLimit} is set.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static NmhcReference of(String id, Double localHourlyLimit) {
        NmhcReference base = BUILT_IN.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown NMHC reference " + id + "; known: "
                        + BUILT_IN.stream().map(NmhcReference::id).toList()));
        return localHourlyLimit == null ? base : new NmhcReference(base.id(), base.descriptionZh() + "（本地限值）", localHourlyLimit);
    }

    /** An hourly NMHC mean above the reference is an exceedance hour. */
    public boolean exceeded(double hourlyMean) {
        return hourlyMean > hourlyLimit;
    }
}
