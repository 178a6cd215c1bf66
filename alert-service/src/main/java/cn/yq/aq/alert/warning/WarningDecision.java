package cn.yq.aq.alert.warning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.yq.aq.alert.event.AlertLevel;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * The warning decision, pure: from a scope's current level (and whether an ozone advice is out), the
 * assessed days (today, observed or forecast, then the forecast days) and whether the input may lower
 * the level (a forecast may; an hourly observation may not), the transitions and the new state. No
 * I/O, no clock, no text: {@link WarningEngine} does the I/O, {@code texts.WarningTexts} the words.
 * <ul>
 * <li>issue or upgrade as soon as the assessment is above the current level;</li>
 * <li>downgrade or lift only when the input may lower it; lift only when the days ahead stay at or
 * below the level's lowest trigger for more than the grading's lift hours;</li>
 * <li>an episode whose days above the trigger are all ozone-driven gives one health advice, not a colour.</li>
 * </ul>
 */
public final class WarningDecision {

    private WarningDecision() {
    }

    /** @param observed the AQI is the observed rolling 24-h AQI (监测), not a forecast (预计) */
    public record Day(LocalDate date, int aqi, Pollutant primary, boolean observed) {
    }

    public enum Action {
        ADVICE("advice"), ISSUED("issued"), UPGRADED("upgraded"), DOWNGRADED("downgraded"), LIFTED("lifted");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        /** The contract's {@code details.action}. */
        public String code() {
            return code;
        }
    }

    /**
     * @param assessed the level the days meet (for an advice: the ozone episode's level)
     * @param to       the level after it ({@code NONE} after a lift or for an advice)
     */
    public record Transition(Action action, WarningLevel from, WarningLevel assessed, WarningLevel to) {

        /** The alert's {@code level}: the colour, lifted or an advice. */
        public AlertLevel alertLevel() {
            return switch (action) {
                case ADVICE -> new AlertLevel.Advice();
                case LIFTED -> new AlertLevel.Lifted();
                default -> AlertLevel.warning(to);
            };
        }
    }

    record Outcome(List<Transition> transitions, WarningLevel level, boolean advice) {
    }

    static Outcome decide(WarningGrading grading, WarningLevel current, boolean advice, List<Day> days, boolean mayLower) {
        WarningGrading.Assessment a = grading.assess(days.stream().map(d -> new WarningGrading.DailyAqi(d.aqi(), d.primary())).toList());
        List<Transition> transitions = new ArrayList<>();
        WarningLevel target = a.level();
        if (a.ozoneDriven() && target != WarningLevel.NONE) {
            if (!advice) {
                transitions.add(new Transition(Action.ADVICE, current, target, current));
                advice = true;
            }
            target = WarningLevel.NONE; // ozone: advice, not a colour
        } else if (target == WarningLevel.NONE) {
            advice = false;
        }
        WarningLevel level = current;
        if (target.compareTo(current) > 0) {
            transitions.add(new Transition(current == WarningLevel.NONE ? Action.ISSUED : Action.UPGRADED, current, target, target));
            level = target;
        } else if (mayLower && target.compareTo(current) < 0) {
            if (target == WarningLevel.NONE) {
                if (grading.mayLift(current, days.stream().map(Day::aqi).toList())) {
                    transitions.add(new Transition(Action.LIFTED, current, target, WarningLevel.NONE));
                    level = WarningLevel.NONE;
                }
            } else {
                transitions.add(new Transition(Action.DOWNGRADED, current, target, target));
                level = target;
            }
        }
        return new Outcome(List.copyOf(transitions), level, advice);
    }
}
