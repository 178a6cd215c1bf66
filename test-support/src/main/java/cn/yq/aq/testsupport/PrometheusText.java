package cn.yq.aq.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus scrape ({@code /actuator/prometheus}) by name and labels. */
public final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private PrometheusText() {
    }

    /** The sum of the samples of {@code name} whose labels include every entry of {@code where} (0 if none). */
    public static double sum(String scrape, String name, Map<String, String> where) {
        return sumBy(scrape, name, null, where).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The samples of {@code name} whose labels include {@code where}, summed per value of the label
     * {@code by} (all under "" when {@code by} is null); zero samples are left out.
     */
    public static Map<String, Double> sumBy(String scrape, String name, String by, Map<String, String> where) {
        Map<String, Double> sums = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? ([0-9.Ee+-]+|NaN)$").matcher(scrape);
        while (m.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(1) == null ? "" : m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            double value = Double.parseDouble(m.group(2));
            if (value != 0 && !Double.isNaN(value) && labels.entrySet().containsAll(where.entrySet())) {
                sums.merge(by == null ? "" : labels.getOrDefault(by, ""), value, Double::sum);
            }
        }
        return sums;
    }
}
