package cn.yq.aq.target.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A mark on a station's or a source's hours, as its acts made it: the hours [{@code from}, {@code to}) of
 * {@code pollutants} of {@code target} are to be {@code invalidate}d (or {@code restore}d), for a
 * {@code reason}; {@code status} proposed, approved or rejected; {@code history} every act on it, oldest
 * first. Times are written with the +08:00 offset.
 */
public record Mark(String id, String target, String kind, String county, List<String> pollutants, String from, String to,
                   String action, String reason, String note, String suspect, String status, List<Act> history,
                   @JsonIgnore Instant start, @JsonIgnore Instant end, @JsonIgnore Instant decidedAt) {

    /** One act: propose, approve or reject, by whom (principal id and role), when, with what note. */
    public record Act(String act, String by, String role, String at, String note) {
    }

    public boolean approved() {
        return "approved".equals(status);
    }

    /** Whether its hours overlap [{@code from}, {@code to}). */
    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
