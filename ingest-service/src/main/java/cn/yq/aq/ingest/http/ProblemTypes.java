package cn.yq.aq.ingest.http;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.support.web.Problems;

/**
 * The Chinese titles of ingest's rejection reasons, for the problem details of rejected readings
 * (the shape is service-support's {@link Problems#detail}: {@code type /problems/<reason>}, title,
 * status, detail, reason).
 */
final class ProblemTypes {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("invalid-json", "报文不是有效的JSON"),
            Map.entry("invalid-reading", "读数格式错误"),
            Map.entry("invalid-time", "数据时间无效"),
            Map.entry("invalid-interval", "数据时段无效"),
            Map.entry("invalid-readings", "提交的读数均无效"),
            Map.entry("future-time", "数据时间超前"),
            Map.entry("invalid-value", "监测值无效"),
            Map.entry("invalid-flag", "数据标记无效"),
            Map.entry("invalid-id", "编号含有非法字符"),
            Map.entry("unknown-station", "未登记的监测站点"),
            Map.entry("unknown-source", "未登记的污染源"),
            Map.entry("unknown-field", "未知的监测项目"),
            Map.entry("id-mismatch", "编号与通道不一致"),
            Map.entry("oversized", "报文过大"),
            Map.entry("storage-rejected", "数据库拒绝写入"),
            Map.entry("storage-unavailable", "数据库暂不可用，请稍后重试"),
            Map.entry("too-many-readings", "单次提交的读数过多"),
            Map.entry("forbidden", "无权上报该站点数据"));

    private ProblemTypes() {
    }

    static String title(String reason) {
        return TITLES.getOrDefault(reason, reason.startsWith("hj212-") ? "HJ 212 报文错误" : "读数被拒绝");
    }

    static ProblemDetail of(HttpStatus status, String reason, String detail) {
        return Problems.detail(status, reason, title(reason), detail);
    }

    static ProblemDetail of(Rejection r) {
        ProblemDetail p = of(HttpStatus.UNPROCESSABLE_CONTENT, r.reason(), r.detail());
        if (r.id() != null) {
            p.setProperty("id", r.id());
        }
        return p;
    }
}
