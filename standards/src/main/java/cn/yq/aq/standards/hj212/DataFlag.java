package cn.yq.aq.standards.hj212;

import java.util.Optional;

/** Data flags of HJ 212-2017 Table 8. Only N (normal) values count in statistics. */
public enum DataFlag {
    N("正常"), F("停运"), M("维护"), S("手工输入"), D("故障"), C("校准"), T("超测量上限"), B("通讯异常");

    private final String meaningZh;

    DataFlag(String meaningZh) {
        this.meaningZh = meaningZh;
    }

    public String meaningZh() {
        return meaningZh;
    }

    public boolean countsInStatistics() {
        return this == N;
    }

    public static Optional<DataFlag> of(String code) {
        if (code == null || code.length() != 1) {
            return Optional.empty();
        }
        for (DataFlag f : values()) {
            if (f.name().equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
