package cn.yq.aq.disclosure.publication;

/**
 * What each AQI category means for health and what people should do: HJ 633-2012, 表 2 (空气质量指数及相关信息),
 * by category level 1–6.
 */
public final class HealthAdvice {

    private HealthAdvice() {
    }

    private static final String[] EFFECT = {
        "空气质量令人满意，基本无空气污染",
        "空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响",
        "易感人群症状有轻度加剧，健康人群出现刺激症状",
        "进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响",
        "心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
        "健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病"};

    private static final String[] MEASURES = {
        "各类人群可正常活动",
        "极少数异常敏感人群应减少户外活动",
        "儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼",
        "儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
        "儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动",
        "儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动"};

    /** 对健康影响情况 of category {@code level} (1–6). */
    public static String effect(int level) {
        return EFFECT[level - 1];
    }

    /** 建议采取的措施 of category {@code level} (1–6). */
    public static String measures(int level) {
        return MEASURES[level - 1];
    }
}
