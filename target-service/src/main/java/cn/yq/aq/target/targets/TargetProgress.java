package cn.yq.aq.target.targets;

/**
 * Progress toward one target on one day (a point of {@code target_progress}).
 *
 * @param id           the target's id (tag {@code target})
 * @param target       the configured target (µg/m³, %, days)
 * @param actual       so far (PM2.5 mean of the valid days, µg/m³; good-days ratio %; heavily polluted days)
 * @param projection   to the year's end: the days so far, then the same calendar days of the year before
 *                     (the actual value when there is no such data)
 * @param requiredRest what the rest of the year must average to meet the target ({@code null} for day counts)
 * @param status       {@code met}, {@code on-track}, {@code at-risk} or {@code missed}
 */
public record TargetProgress(String id, String scope, String indicator, String indicatorZh, double target,
                             double actual, Double projection, Double requiredRest, int daysSoFar, int daysLeft, String status,
                             String statusZh, String data) {

    /** The same progress, said to come from {@code data} ({@code reviewed} or {@code raw}). */
    TargetProgress from(String data) {
        return new TargetProgress(id, scope, indicator, indicatorZh, target, actual, projection, requiredRest, daysSoFar, daysLeft,
                status, statusZh, data);
    }

    /** The progress figures come from reviewed data ({@code data}: reviewed), as every official figure. */
    static final String REVIEWED = "reviewed";
}
