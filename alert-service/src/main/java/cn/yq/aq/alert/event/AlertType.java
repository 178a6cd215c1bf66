package cn.yq.aq.alert.event;

/** The webhook contract's alert types, with the Chinese name officials read. */
public enum AlertType {
    HEAVY_POLLUTION_WARNING("重污染天气预警"),
    RANKING("排名预警"),
    TARGET_AT_RISK("目标预警"),
    SOURCE_EXCEEDANCE("污染源超标"),
    VOCS_EXCEEDANCE("VOCs超标"),
    STATION_OFFLINE("站点离线"),
    RANKING_REPORT("月度排名通报"),
    DELIVERY_FAILED("通知发送失败"),
    DATA_SUSPECT("数据疑似异常");

    private final String nameZh;

    AlertType(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
