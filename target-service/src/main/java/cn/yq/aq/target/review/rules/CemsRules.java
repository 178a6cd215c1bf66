package cn.yq.aq.target.review.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.yq.aq.registry.Source;
import cn.yq.aq.standards.emission.EmissionPollutant;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.target.review.ReviewProperties;
import cn.yq.aq.target.review.Suspect;

/**
 * The automatic pre-review of boilers' CEMS hours (raw, as they arrived): {@code o2-ambient},
 * {@code o2-constant}, {@code flow-zero}, {@code near-limit}, {@code identical-sources}. Pure: hours in,
 * suspect spans out. Thresholds: {@link ReviewProperties}.
 */
public final class CemsRules {

    /** A source's hours of the span: per field ({@code pm so2 nox o2 flow}), NaN where missing. */
    public record Hours(Map<String, double[]> fields) {

        public double[] of(String field) {
            return fields.get(field);
        }
    }

    static final String[] POLLUTANTS = {"pm", "so2", "nox"};

    private final ReviewProperties p;
    private final Function<Source, LimitProfile> profiles;

    public CemsRules(ReviewProperties properties, Function<Source, LimitProfile> profiles) {
        this.p = properties;
        this.profiles = profiles;
    }

    /** The suspects among the {@code n} hours from {@code from} of {@code sources}. */
    public List<Suspect> find(Map<Source, Hours> sources, Instant from, int n) {
        List<Suspect> out = new ArrayList<>();
        Map<Source, long[]> hashes = new LinkedHashMap<>();
        sources.forEach((s, h) -> {
            perSource(s, h, from, n, out);
            hashes.put(s, hashes(h, n));
        });
        identical(hashes, from, n, out);
        return out;
    }

    /** What {@code identical-sources} compares: per hour a hash of (SO2, NOx, O2), 0 where one is missing. */
    public static long[] hashes(Hours h, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            double so2 = h.of("so2")[i];
            double nox = h.of("nox")[i];
            double o2 = h.of("o2")[i];
            if (!Double.isNaN(so2) && !Double.isNaN(nox) && !Double.isNaN(o2)) {
                long x = Double.doubleToLongBits(so2) * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(nox) * 0xC2B2AE3D27D4EB4FL
                        ^ Double.doubleToLongBits(o2) * 0x165667B19E3779F9L;
                out[i] = x == 0 ? 1 : x;
            }
        }
        return out;
    }

    /** The rules of one source alone (all but {@code identical-sources}). */
    public void perSource(Source s, Hours h, Instant from, int n, List<Suspect> out) {
        double[] o2 = h.of("o2");
        double[] flow = h.of("flow");
        AmbientRules.Hit reporting = i -> {
            for (String pol : POLLUTANTS) {
                double x = h.of(pol)[i];
                if (!Double.isNaN(x) && x > 0) {
                    return true;
                }
            }
            return false;
        };
        if (p.o2Ambient().enabled()) {
            for (int[] r : AmbientRules.runs(n, p.o2Ambient().minHours(),
                    i -> !Double.isNaN(o2[i]) && o2[i] >= p.o2Ambient().atLeast() && reporting.at(i))) {
                out.add(suspect(s, "o2", from, r, "o2-ambient", Map.of("o2", AmbientRules.values(o2, from, r)),
                        s.enterprise() + "（" + s.id() + "）烟气氧含量" + AmbientRules.fmt(o2[r[0]]) + "%，接近空气（20.9%）却仍报送污染物浓度"
                                + span(r) + "，疑似采样探头不在烟道内或停炉仍报数"));
            }
        }
        if (p.o2Constant().enabled()) {
            for (int[] r : AmbientRules.runs(n, p.o2Constant().minHours(), i -> !Double.isNaN(o2[i])
                    && ((i > 0 && o2[i] == o2[i - 1]) || (i + 1 < n && o2[i] == o2[i + 1])))) {
                int start = r[0];
                for (int i = r[0] + 1; i <= r[1]; i++) {
                    if (i == r[1] || o2[i] != o2[start]) {
                        if (i - start >= p.o2Constant().minHours()) {
                            int[] plateau = {start, i};
                            out.add(suspect(s, "o2", from, plateau, "o2-constant", Map.of("value", o2[start], "hours", i - start),
                                    s.enterprise() + "（" + s.id() + "）烟气氧含量连续" + (i - start) + "小时恒定为" + AmbientRules.fmt(o2[start])
                                            + "%，疑似分析仪停滞或人为设定"));
                        }
                        start = i;
                    }
                }
            }
        }
        if (p.flowZero().enabled() && flow != null) {
            for (int[] r : AmbientRules.runs(n, p.flowZero().minHours(), i -> !Double.isNaN(flow[i]) && flow[i] <= 0 && reporting.at(i))) {
                out.add(suspect(s, "flow", from, r, "flow-zero", Map.of("flow", AmbientRules.values(flow, from, r)),
                        s.enterprise() + "（" + s.id() + "）烟气流量为" + AmbientRules.fmt(flow[r[0]]) + "却仍报送污染物浓度" + span(r)
                                + "，疑似流量计故障或数据造假"));
            }
        }
        if (p.nearLimit().enabled()) {
            nearLimit(s, h, from, n, out);
        }
    }

    private void nearLimit(Source s, Hours h, Instant from, int n, List<Suspect> out) {
        LimitProfile profile = profiles.apply(s);
        double[] o2 = h.of("o2");
        for (EmissionPollutant pol : List.of(EmissionPollutant.PM, EmissionPollutant.SO2, EmissionPollutant.NOX)) {
            if (profile.limit(pol).isEmpty()) {
                continue;
            }
            double limit = profile.limit(pol).getAsDouble();
            double[] x = h.of(pol.field());
            int valid = 0;
            int near = 0;
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(x[i]) || Double.isNaN(o2[i]) || o2[i] >= 21) {
                    continue;
                }
                valid++;
                double c = profile.corrected(x[i], o2[i]);
                if (c >= p.nearLimit().from() * limit && c <= limit) {
                    near++;
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            if (valid >= p.nearLimit().minHours() && near >= p.nearLimit().share() * valid) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("validHours", valid);
                evidence.put("nearLimitHours", near);
                evidence.put("limit", limit);
                evidence.put("from", p.nearLimit().from());
                out.add(suspect(s, pol.field(), from, new int[] {first, last + 1}, "near-limit", evidence, s.enterprise() + "（" + s.id() + "）"
                        + valid + "个有效小时中" + near + "个小时" + pol.field().toUpperCase(java.util.Locale.ROOT) + "折算浓度处于限值（" + AmbientRules.fmt(limit)
                        + "mg/m³）的" + Math.round(p.nearLimit().from() * 100) + "%至100%之间，疑似数据被控制在限值以下"));
            }
        }
    }

    /** {@code identical-sources}: pairs of sources with the same (SO2, NOx, O2) hour after hour ({@link #hashes}). */
    public void identical(Map<Source, long[]> hashes, Instant from, int n, List<Suspect> out) {
        if (!p.identicalSources().enabled()) {
            return;
        }
        List<Source> all = new ArrayList<>(hashes.keySet());
        Map<String, boolean[]> together = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Map<Long, List<Source>> byValues = new HashMap<>();
            for (Source s : all) {
                long x = hashes.get(s)[i];
                if (x != 0) {
                    byValues.computeIfAbsent(x, k -> new ArrayList<>(2)).add(s);
                }
            }
            for (List<Source> same : byValues.values()) {
                for (int a = 0; a < same.size(); a++) {
                    for (int b = a + 1; b < same.size(); b++) {
                        together.computeIfAbsent(same.get(a).id() + "|" + same.get(b).id(), k -> new boolean[n])[i] = true;
                    }
                }
            }
        }
        Map<String, Source> byId = new HashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        together.forEach((pair, hours) -> {
            String[] ids = pair.split("\\|");
            for (int[] r : AmbientRules.runs(n, p.identicalSources().minHours(), i -> hours[i])) {
                for (int k = 0; k < 2; k++) {
                    Source s = byId.get(ids[k]);
                    Source other = byId.get(ids[1 - k]);
                    out.add(suspect(s, "so2", from, r, "identical-sources", Map.of("other", other.id(), "otherEnterprise", other.enterprise()),
                            s.enterprise() + "（" + s.id() + "）与" + other.enterprise() + "（" + other.id() + "）的SO2、NOx和氧含量完全相同"
                                    + span(r) + "，疑似数据复制"));
                }
            }
        });
    }

    private static Suspect suspect(Source s, String field, Instant from, int[] r, String rule, Map<String, Object> evidence, String zh) {
        return Suspect.of(s.id(), "source", s.county(), field, from.plusSeconds(3600L * r[0]), from.plusSeconds(3600L * r[1]), rule,
                evidence, zh);
    }

    private static String span(int[] r) {
        return r[1] - r[0] == 1 ? "" : "，连续" + (r[1] - r[0]) + "小时";
    }
}
