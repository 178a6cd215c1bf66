package cn.yq.aq.target.review;

import java.util.Map;

/** Why an hour is marked: the contract's list, with the Chinese a reviewer reads. */
final class Reasons {

    static final String PATTERN = "calibration|maintenance|instrument-fault|power-failure|transmission|out-of-range|interference|other";

    static final Map<String, String> ZH = Map.of("calibration", "校准", "maintenance", "维护", "instrument-fault", "仪器故障",
            "power-failure", "停电", "transmission", "传输故障", "out-of-range", "超出量程", "interference", "人为干扰", "other", "其他");

    private Reasons() {
    }
}
