package cn.yq.aq.target.review;

import cn.yq.aq.support.web.Problems;

/**
 * Which data a figure is computed from ({@code ?data=} of the figures' endpoints, {@code data} of their answers):
 * {@code reviewed} (the official figures: hours an approved mark took out are invalid) or {@code raw} (the readings
 * as they arrived).
 */
public enum Data {
    REVIEWED("reviewed"), RAW("raw");

    private final String key;

    Data(String key) {
        this.key = key;
    }

    /** The query parameter's value (absent: reviewed); anything else is a 400 problem. */
    public static Data of(String parameter) {
        if (parameter == null || parameter.equals(REVIEWED.key)) {
            return REVIEWED;
        }
        if (parameter.equals(RAW.key)) {
            return RAW;
        }
        throw Problems.badParameter("'data' must be reviewed (the official figures) or raw (the readings as they arrived)");
    }

    /** As the answers say it. */
    public String key() {
        return key;
    }

    public boolean raw() {
        return this == RAW;
    }
}
