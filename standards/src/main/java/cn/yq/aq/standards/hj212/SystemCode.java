package cn.yq.aq.standards.hj212;

/** ST system codes of HJ 212-2017 Table 5 that the platform handles. */
public final class SystemCode {
    /** 22: ambient air quality monitoring. */
    public static final String AMBIENT_AIR = "22";
    /** 27: VOCs monitoring. */
    public static final String VOCS = "27";
    /** 31: atmospheric pollution source (flue-gas CEMS). */
    public static final String FLUE_GAS = "31";
    /** 91: system interaction (replies such as 9014). */
    public static final String INTERACTION = "91";

    private SystemCode() {
    }
}
