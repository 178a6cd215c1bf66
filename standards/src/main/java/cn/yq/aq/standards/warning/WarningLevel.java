package cn.yq.aq.standards.warning;

/** Heavy-pollution weather warning levels (yellow III, orange II, red I), and none. */
public enum WarningLevel {
    NONE("无预警", null),
    YELLOW("黄色预警", "III级"),
    ORANGE("橙色预警", "II级"),
    RED("红色预警", "I级");

    private final String nameZh;
    private final String gradeZh;

    WarningLevel(String nameZh, String gradeZh) {
        this.nameZh = nameZh;
        this.gradeZh = gradeZh;
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
