package cn.yq.aq.target.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.influx.Rows;

/** The materialised target progress ({@code target_progress}) and the province's ranking tables ({@code province_ranking}). */
@Component
public class ProgressStore {

    private final InfluxQl influx;

    ProgressStore(InfluxQl influx) {
        this.influx = influx;
    }

    /** Every target's progress on {@code day}, each row tagged with {@code target}, {@code scope}, {@code indicator}. */
    public List<Rows.Row> progress(LocalDate day) {
        return influx.select("SELECT actual, projection, \"target\"::field AS target_value, required_rest, status, days_so_far,"
                + " days_left FROM target_progress WHERE time = $day GROUP BY \"target\", scope, indicator",
                Map.of("day", day.atStartOfDay(BeijingTime.ZONE).toInstant().toString()));
    }

    /** The imported table of a period ({@code unit}, {@code index}, {@code rank} per row). */
    public List<Rows.Row> rankingTable(String period) {
        return influx.select("SELECT \"index\", rank, unit FROM province_ranking WHERE period = $period", Map.of("period", period));
    }

    /** Removes a period's table before it is imported again. */
    public void deleteRankingTable(String period) {
        influx.execute("DELETE FROM province_ranking WHERE period = $period", Map.of("period", period));
    }
}
