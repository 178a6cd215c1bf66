package cn.yq.aq.target.ranking;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The province ranking's configuration ({@code aq.ranking}): how the province's table names our
 * units (besides the county code and its Chinese name), and the plan's ranking goals.
 *
 * @param aliases per county code, other names the province's table uses (e.g. 高新区: 阳泉开发区)
 * @param goals   per year and county: {@code notInBottom} (e.g. 10: out of the bottom 10), or
 *                {@code improve: true} (rank better than in the previous period's table)
 */
@ConfigurationProperties("aq.ranking")
public record RankingProperties(Map<String, List<String>> aliases, List<Goal> goals) {

    public RankingProperties {
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        goals = goals == null ? List.of() : List.copyOf(goals);
    }

    public record Goal(int year, String county, Integer notInBottom, Boolean improve) {
    }
}
