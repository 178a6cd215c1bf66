package cn.yq.aq.standards.limits;

/** Averaging times of GB 3095 Table 1. */
public enum Averaging {
    ANNUAL, DAILY, HOURLY, DAILY_MAX_8H
}
