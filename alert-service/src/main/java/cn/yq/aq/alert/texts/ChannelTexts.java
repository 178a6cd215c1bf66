package cn.yq.aq.alert.texts;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.standards.BeijingTime;

/**
 * What each channel's message says, in Chinese, for the officials who read it: what happened (the
 * title and the alert's text, which carries the figures and, for warnings, the response level to
 * start), for whom, since when and until when, and the alert's id to quote back. Warnings carry
 * their colour. Formatting only: no transport, no retry.
 */
public final class ChannelTexts {

    private ChannelTexts() {
    }

    /** 红色预警, 解除预警 …; {@code null} for other alerts. */
    public static String warningZh(Alert a) {
        return a.type() != AlertType.HEAVY_POLLUTION_WARNING ? null : a.level().warningZh().orElse(null);
    }

    public static String when(Instant t) {
        ZonedDateTime z = t.atZone(BeijingTime.ZONE);
        return z.getMonthValue() + "月" + z.getDayOfMonth() + "日" + z.getHour() + "时" + (z.getMinute() == 0 ? "" : z.getMinute() + "分");
    }

    /** The lines every message has: kind, for whom, validity, issue time and id. */
    public static List<String> facts(Alert a, String forWhom) {
        List<String> lines = new java.util.ArrayList<>();
        String warning = warningZh(a);
        lines.add("类型：" + a.type().nameZh() + (warning == null ? "" : "（" + warning + "）"));
        lines.add("对象：" + forWhom);
        if (a.validFrom() != null) {
            lines.add("时段：" + when(a.validFrom()) + (a.validTo() == null ? "起" : "至" + when(a.validTo())));
        }
        lines.add("发布：" + when(a.issuedAt()) + "（编号 " + a.id() + "）");
        return lines;
    }

    /** A WeCom group robot's markdown content. */
    public static String wecomMarkdown(Alert a, String forWhom) {
        StringBuilder b = new StringBuilder();
        String warning = warningZh(a);
        b.append("## ").append(warning == null ? "" : "<font color=\"" + a.level().wecomColour() + "\">【" + warning + "】</font>")
                .append(a.title()).append('\n');
        facts(a, forWhom).forEach(l -> b.append("> ").append(l).append('\n'));
        b.append('\n').append(a.text());
        return b.toString();
    }

    /** A DingTalk custom robot's markdown text; red warnings @ the listed mobiles. */
    public static String dingtalkMarkdown(Alert a, String forWhom, List<String> atMobiles) {
        StringBuilder b = new StringBuilder();
        String warning = warningZh(a);
        b.append("### ").append(warning == null ? "" : "<font color=\"" + a.level().hex() + "\">【" + warning + "】</font>")
                .append(a.title()).append("\n\n");
        facts(a, forWhom).forEach(l -> b.append("> ").append(l).append("\n\n"));
        b.append(a.text());
        if (atRed(a) && !atMobiles.isEmpty()) {
            b.append("\n\n");
            atMobiles.forEach(m -> b.append('@').append(m).append(' '));
        }
        return b.toString();
    }

    /** Whether the robots @ people: red warnings only. */
    public static boolean atRed(Alert a) {
        return a.type() == AlertType.HEAVY_POLLUTION_WARNING && a.level().callsPeople();
    }

    public static String sms(Alert a, String sign) {
        return "【" + sign + "】" + a.title() + "。" + a.text();
    }

    public static String emailSubject(Alert a) {
        String warning = warningZh(a);
        return "【" + (warning == null ? a.type().nameZh() : warning) + "】" + a.title();
    }

    public static String emailBody(Alert a, String forWhom, String sign) {
        StringBuilder b = new StringBuilder();
        b.append(a.title()).append("\n\n").append(a.text()).append("\n\n");
        facts(a, forWhom).forEach(l -> b.append(l).append('\n'));
        b.append("\n").append(sign).append("（本邮件由空气质量监测平台自动发送，请勿直接回复）\n");
        return b.toString();
    }
}
