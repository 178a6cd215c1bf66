package cn.yq.aq.target.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A span of hours the automatic pre-review found suspect: hours [{@code from}, {@code to}) of
 * {@code pollutant} of {@code target} (a station or a source of {@code county}), tripped by {@code rule},
 * with the values that tripped it ({@code evidence}) and what a reviewer reads ({@code descriptionZh}). A
 * suspect changes no figure by itself. Its id is derived from what it is, so that finding it again gives the
 * same id.
 */
public record Suspect(String id, String target, String kind, String county, String pollutant, Instant from, Instant to,
                      String rule, Map<String, Object> evidence, String descriptionZh) {

    public static Suspect of(String target, String kind, String county, String pollutant, Instant from, Instant to, String rule,
                             Map<String, Object> evidence, String descriptionZh) {
        String id = UUID.nameUUIDFromBytes((rule + "|" + target + "|" + pollutant + "|" + from).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Suspect(id, target, kind, county, pollutant, from, to, rule, evidence, descriptionZh);
    }

    public long hours() {
        return (to.getEpochSecond() - from.getEpochSecond()) / 3600;
    }
}
