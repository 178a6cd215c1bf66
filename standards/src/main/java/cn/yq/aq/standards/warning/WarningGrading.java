package cn.yq.aq.standards.warning;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.yq.aq.standards.Pollutant;

/**
 * Heavy-pollution warning grading as data: for each level, alternative conditions; a condition is a
 * list of runs "daily AQI above {@code threshold} for at least {@code days} consecutive days" that
 * must all hold in one episode (the first run defines the episode, the others must fall inside it).
 * A level applies when any of its conditions holds; the highest level that applies wins.
 * "Daily AQI" is the mean of any 24 consecutive hours; one day = 24 h.
 */
public record WarningGrading(String name, Map<WarningLevel, List<Condition>> levels, int liftHours) {

    /** Daily AQI strictly above {@code threshold} for at least {@code days} consecutive days. */
    public record Run(int threshold, int days) {
        public Run {
            if (days < 1) {
                throw new IllegalArgumentException("a run lasts at least one day");
            }
        }
    }

    /** All runs together in one episode. */
    public record Condition(List<Run> runs) {
        public Condition {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("a condition needs a run");
            }
        }

        static Condition of(Run... runs) {
            return new Condition(List.of(runs));
        }
    }

    /** One day's AQI, with its primary pollutant when known (for the ozone rule). */
    public record DailyAqi(int aqi, Pollutant primary) {

        public DailyAqi {
            if (aqi < 0) {
                throw new IllegalArgumentException("a daily AQI is >= 0, not " + aqi);
            }
        }
    }

    /**
     * The assessment of a sequence of days.
     *
     * @param level       the level the grading gives
     * @param ozoneDriven every day of the qualifying episode above 200 (or 150) has O3 as primary
     *                    pollutant: under the 2024 guidance this gives health advice, not a coloured
     *                    warning with production curbs
     */
    public record Assessment(WarningLevel level, boolean ozoneDriven) {
    }

    public WarningGrading {
        levels = Map.copyOf(levels);
        if (liftHours <= 0) {
            throw new IllegalArgumentException("liftHours must be > 0");
        }
    }

    /**
     * 环大气〔2024〕6号 (the current grading). Yellow: AQI &gt; 200 for one day, or &gt; 150 for 2 days (48 h);
     * orange: &gt; 200 for 2 days, or &gt; 150 for 3 days (72 h); red: &gt; 200 for 3 days and &gt; 300 for
     * one day (24 h). Lift when below the start criterion and forecast to stay there for more than 36 h.
     */
    public static WarningGrading of2024() {
        return new WarningGrading("环大气〔2024〕6号", Map.of(
                WarningLevel.YELLOW, List.of(Condition.of(new Run(200, 1)), Condition.of(new Run(150, 2))),
                WarningLevel.ORANGE, List.of(Condition.of(new Run(200, 2)), Condition.of(new Run(150, 3))),
                WarningLevel.RED, List.of(Condition.of(new Run(200, 3), new Run(300, 1)))), 36);
    }

    /**
     * 环办大气函〔2018〕875号 / 〔2019〕648号. Yellow: AQI &gt; 200 for 2 days; orange: &gt; 200 for 3 days;
     * red: &gt; 200 for 4 days and &gt; 300 for 2 days, or reaching 500.
     */
    public static WarningGrading of2019() {
        return new WarningGrading("环办大气函〔2019〕648号", Map.of(
                WarningLevel.YELLOW, List.of(Condition.of(new Run(200, 2))),
                WarningLevel.ORANGE, List.of(Condition.of(new Run(200, 3))),
                WarningLevel.RED, List.of(Condition.of(new Run(200, 4), new Run(300, 2)), Condition.of(new Run(499, 1)))),
                36);
    }

    /** The level for a sequence of consecutive daily AQI values (forecast or observed). */
    public WarningLevel level(List<Integer> dailyAqi) {
        return assess(dailyAqi.stream().map(a -> new DailyAqi(Objects.requireNonNull(a, "a daily AQI is missing"), null))
                .toList()).level();
    }

    /** The level and whether the qualifying episode is ozone-driven. */
    public Assessment assess(List<DailyAqi> days) {
        Objects.requireNonNull(days);
        for (WarningLevel level : new WarningLevel[] {WarningLevel.RED, WarningLevel.ORANGE, WarningLevel.YELLOW}) {
            for (Condition condition : levels.getOrDefault(level, List.of())) {
                int[] episode = episode(condition, days);
                if (episode != null) {
                    return new Assessment(level, ozoneOnly(days, episode, condition.runs().get(0).threshold()));
                }
            }
        }
        return new Assessment(WarningLevel.NONE, false);
    }

    /**
     * Whether a warning at {@code current} may be lifted: the days ahead (forecast, starting now)
     * no longer meet any warning level and cover more than {@code liftHours} (36 h: two days).
     */
    public boolean mayLift(WarningLevel current, List<Integer> daysAhead) {
        daysAhead.forEach(a -> new DailyAqi(Objects.requireNonNull(a, "a daily AQI is missing"), null));
        if (current == WarningLevel.NONE) {
            return false;
        }
        int daysNeeded = liftHours / 24 + 1; // more than liftHours
        if (daysAhead.size() < daysNeeded) {
            return false;
        }
        return level(daysAhead.subList(0, daysNeeded)) == WarningLevel.NONE
                && daysAhead.subList(0, daysNeeded).stream().allMatch(a -> a <= lowestThreshold(current));
    }

    /** The lowest AQI threshold in any condition of a level: staying at or below it ends that level. */
    int lowestThreshold(WarningLevel level) {
        return levels.get(level).stream().flatMap(c -> c.runs().stream()).mapToInt(Run::threshold).min()
                .orElseThrow();
    }

    /** [start, end) of the first episode that meets the condition, or {@code null}. */
    private static int[] episode(Condition condition, List<DailyAqi> days) {
        Run first = condition.runs().get(0);
        int i = 0;
        while (i < days.size()) {
            if (days.get(i).aqi() <= first.threshold()) {
                i++;
                continue;
            }
            int end = i;
            while (end < days.size() && days.get(end).aqi() > first.threshold()) {
                end++;
            }
            if (end - i >= first.days() && othersHold(condition, days, i, end)) {
                return new int[] {i, end};
            }
            i = end;
        }
        return null;
    }

    private static boolean othersHold(Condition condition, List<DailyAqi> days, int from, int to) {
        for (Run run : condition.runs().subList(1, condition.runs().size())) {
            int longest = 0;
            int current = 0;
            for (int d = from; d < to; d++) {
                current = days.get(d).aqi() > run.threshold() ? current + 1 : 0;
                longest = Math.max(longest, current);
            }
            if (longest < run.days()) {
                return false;
            }
        }
        return true;
    }

    private static boolean ozoneOnly(List<DailyAqi> days, int[] episode, int threshold) {
        for (int d = episode[0]; d < episode[1]; d++) {
            if (days.get(d).aqi() > threshold && days.get(d).primary() != Pollutant.O3) {
                return false;
            }
        }
        return true;
    }
}
