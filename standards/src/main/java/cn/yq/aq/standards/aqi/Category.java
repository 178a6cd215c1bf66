package cn.yq.aq.standards.aqi;

/**
 * AQI levels and categories with the official colours (HJ 633—2012 Table 2 and Annex A; identical
 * in HJ 633—2026). English names are the usual ones: the standard gives none.
 */
public enum Category {
    EXCELLENT(1, "一级", "优", "Excellent", "绿色", 0, 228, 0, 0, 50),
    GOOD(2, "二级", "良", "Good", "黄色", 255, 255, 0, 51, 100),
    LIGHTLY_POLLUTED(3, "三级", "轻度污染", "Lightly polluted", "橙色", 255, 126, 0, 101, 150),
    MODERATELY_POLLUTED(4, "四级", "中度污染", "Moderately polluted", "红色", 255, 0, 0, 151, 200),
    HEAVILY_POLLUTED(5, "五级", "重度污染", "Heavily polluted", "紫色", 153, 0, 76, 201, 300),
    SEVERELY_POLLUTED(6, "六级", "严重污染", "Severely polluted", "褐红色", 126, 0, 35, 301, Integer.MAX_VALUE);

    private final int level;
    private final String levelZh;
    private final String nameZh;
    private final String nameEn;
    private final String colourZh;
    private final int red;
    private final int green;
    private final int blue;
    private final int minAqi;
    private final int maxAqi;

    Category(int level, String levelZh, String nameZh, String nameEn, String colourZh, int red, int green, int blue,
             int minAqi, int maxAqi) {
        this.level = level;
        this.levelZh = levelZh;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.colourZh = colourZh;
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.minAqi = minAqi;
        this.maxAqi = maxAqi;
    }

    /** The category of an AQI value (0–50 level 1, 51–100 level 2 … > 300 level 6). */
    public static Category of(int aqi) {
        if (aqi < 0) {
            throw new IllegalArgumentException("AQI cannot be negative: " + aqi);
        }
        for (Category c : values()) {
            if (aqi <= c.maxAqi) {
                return c;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public int level() {
        return level;
    }

    public String levelZh() {
        return levelZh;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String colourZh() {
        return colourZh;
    }

    /** The official colour as {@code #RRGGBB}, e.g. {@code #99004C} for 重度污染 (not the US-EPA purple). */
    public String hex() {
        return String.format("#%02X%02X%02X", red, green, blue);
    }

    public int minAqi() {
        return minAqi;
    }

    public int maxAqi() {
        return maxAqi;
    }
}
