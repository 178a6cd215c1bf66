package cn.yq.aq.alert.warning;

import java.time.Instant;

import cn.yq.aq.standards.warning.WarningLevel;

/**
 * The current heavy-pollution warning of one scope.
 *
 * @param ozoneAdvice an ozone health advice is in force (ozone episodes get advice, not a colour)
 * @param since       when the current level was set
 * @param alertId     the alert that set it
 */
public record WarningState(String scope, WarningLevel level, boolean ozoneAdvice, Instant since, String alertId,
                           Instant validFrom, Instant validTo) {

    static WarningState none(String scope) {
        return new WarningState(scope, WarningLevel.NONE, false, null, null, null, null);
    }
}
