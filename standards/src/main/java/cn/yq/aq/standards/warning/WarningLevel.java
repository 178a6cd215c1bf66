package cn.yq.aq.standards.warning;

/** Heavy-pollution weather warning levels (yellow III, orange II, red I), and none. */
public enum WarningLevel {
    NONE("无预警", null, "#00A000"),
    YELLOW("黄色预警", "III级", "#E5C100"),
    ORANGE("橙色预警", "II级", "#FF7E00"),
    RED("红色预警", "I级", "#FF0000");

    private final String nameZh;
    private final String gradeZh;
    private final String hex;

    WarningLevel(String nameZh, String gradeZh, String hex) {
        this.nameZh = nameZh;
        this.gradeZh = gradeZh;
        this.hex = hex;
    }

    /** The colour a warning of this level is shown in (NONE: the green of a lifting), as {@code #RRGGBB}. */
    public String hex() {
        return hex;
    }

    /** The level of a contract code ({@code yellow|orange|red|none}), if it is one. */
    public static java.util.Optional<WarningLevel> ofCode(String code) {
        for (WarningLevel l : values()) {
            if (l.code().equals(code)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether this level is {@code other} or more severe (the levels are declared in rising order). */
    public boolean atLeast(WarningLevel other) {
        return compareTo(other) >= 0;
    }

    public String nameZh() {
        return nameZh;
    }

    /** 预警等级, e.g. "II级" for orange; {@code null} for none. */
    public String gradeZh() {
        return gradeZh;
    }

    /** The contract's lower-case name ({@code yellow|orange|red}). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
