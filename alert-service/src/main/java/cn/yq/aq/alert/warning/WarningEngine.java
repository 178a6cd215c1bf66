package cn.yq.aq.alert.warning;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.alert.Alert;
import cn.yq.aq.alert.alert.AlertBus;
import cn.yq.aq.alert.alert.AlertType;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;
import tools.jackson.databind.json.JsonMapper;

/**
 * The heavy-pollution warning lifecycle per scope (the city and each county). The days assessed are
 * today (the higher of the observed rolling 24-h AQI and today's forecast) and the forecast days
 * after it; the grading is the library's (2024 by default).
 * <ul>
 * <li>Issue or upgrade as soon as the assessment is higher than the current level (forecast or
 * observation).</li>
 * <li>Downgrade and lift only on a new forecast, never on an hourly observation: no flapping.
 * Lift when the days ahead stay at or below the level's lowest trigger for more than 36 h
 * ({@link WarningGrading#mayLift}); while they do not, the level stays.</li>
 * <li>An episode whose days above the trigger all have O3 as primary pollutant gives a health
 * advice (level {@code advice}), once per episode, not a coloured warning (环大气〔2024〕6号).</li>
 * </ul>
 * Every change is an alert; the state is kept on the broker (retained) and survives restarts.
 */
@Component
public class WarningEngine {

    static final String STATE = StateStore.STATE + "warnings/";
    static final String FORECASTS = StateStore.STATE + "forecasts/";
    private static final Logger log = LoggerFactory.getLogger(WarningEngine.class);

    /** The observed rolling 24-h AQI of a scope, with its primary pollutant, as of {@code at}. */
    public record Observed(int aqi, Pollutant primary, Instant at) {
    }

    private final WarningGrading grading;
    private final AlertBus bus;
    private final StateStore store;
    private final Registry registry;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();

    public WarningEngine(WarningGrading grading, AlertBus bus, StateStore store, Registry registry, Clock clock) {
        this.grading = grading;
        this.bus = bus;
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /** The scopes: {@code city} and every county code. */
    public List<String> scopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add(Alert.CITY);
        registry.counties().forEach(c -> scopes.add(c.code()));
        return scopes;
    }

    public boolean knows(String scope) {
        return Alert.CITY.equals(scope) || registry.county(scope).isPresent();
    }

    /** A new forecast: stored, then assessed (it may issue, change or lift a warning). */
    public synchronized List<Alert> onForecast(Forecast forecast) {
        ready();
        store.put(FORECASTS + forecast.scope(), json.writeValueAsString(forecast));
        return evaluate(forecast.scope(), true);
    }

    /** A new observation: it may issue or raise a warning, never lower one. */
    public synchronized List<Alert> onObserved(String scope, Observed value) {
        ready();
        observed.put(scope, value);
        return evaluate(scope, false);
    }

    /** The state must be loaded before it is read or changed (else a restart would issue everything again). */
    private void ready() {
        if (!store.awaitReady(java.time.Duration.ofSeconds(30))) {
            throw new IllegalStateException("the warning state is not loaded (MQTT broker not reachable)");
        }
    }

    public synchronized WarningState state(String scope) {
        String doc = store.get(STATE + scope);
        return doc == null ? WarningState.none(scope) : json.readValue(doc, WarningState.class);
    }

    public synchronized Forecast forecast(String scope) {
        String doc = store.get(FORECASTS + scope);
        return doc == null ? null : json.readValue(doc, Forecast.class);
    }

    public Observed observed(String scope) {
        return observed.get(scope);
    }

    /** @param observed the value is the observed rolling 24-h AQI (监测), not a forecast (预计) */
    private record AssessedDay(LocalDate date, int aqi, Pollutant primary, boolean observed) {
    }

    /** Today and the days after it, as assessed. */
    private List<AssessedDay> days(String scope) {
        LocalDate today = LocalDate.now(clock.withZone(Alert.CHINA));
        Forecast f = forecast(scope);
        Observed o = observed.get(scope);
        if (o != null && o.at().isBefore(clock.instant().minusSeconds(3 * 3600))) {
            o = null; // stale
        }
        List<AssessedDay> days = new ArrayList<>();
        Forecast.Day todayForecast = f == null ? null
                : f.days().stream().filter(d -> d.date().equals(today)).findFirst().orElse(null);
        if (o != null || todayForecast != null) {
            int forecastAqi = todayForecast == null ? -1 : todayForecast.aqi();
            if (o != null && o.aqi() >= forecastAqi) {
                days.add(new AssessedDay(today, o.aqi(), o.primary(), true));
            } else {
                days.add(new AssessedDay(today, forecastAqi, todayForecast.primary().orElse(null), false));
            }
        }
        if (f != null) {
            f.days().stream().filter(d -> d.date().isAfter(today))
                    .forEach(d -> days.add(new AssessedDay(d.date(), d.aqi(), d.primary().orElse(null), false)));
        }
        return days;
    }

    private List<Alert> evaluate(String scope, boolean mayLower) {
        List<AssessedDay> days = days(scope);
        WarningGrading.Assessment a = grading.assess(days.stream()
                .map(d -> new WarningGrading.DailyAqi(d.aqi(), d.primary())).toList());
        WarningState current = state(scope);
        List<Alert> raised = new ArrayList<>();
        boolean advice = current.ozoneAdvice();
        WarningLevel target = a.level();
        if (a.ozoneDriven() && target != WarningLevel.NONE) {
            if (!advice) {
                raised.add(bus.raise(alert(scope, "advice", "advice", current.level(), target, days, false)));
                advice = true;
            }
            target = WarningLevel.NONE; // ozone: advice, not a colour
        } else if (target == WarningLevel.NONE) {
            advice = false;
        }
        WarningState next = new WarningState(scope, current.level(), advice, current.since(), current.alertId(),
                current.validFrom(), current.validTo());
        if (target.compareTo(current.level()) > 0) {
            String action = current.level() == WarningLevel.NONE ? "issued" : "upgraded";
            Alert alert = bus.raise(alert(scope, target.code(), action, current.level(), target, days, false));
            raised.add(alert);
            next = new WarningState(scope, target, advice, alert.issuedAt(), alert.id(), alert.validFrom(), alert.validTo());
        } else if (mayLower && target.compareTo(current.level()) < 0) {
            if (target == WarningLevel.NONE) {
                List<Integer> ahead = days.stream().map(AssessedDay::aqi).toList();
                if (grading.mayLift(current.level(), ahead)) {
                    Alert alert = bus.raise(alert(scope, "lifted", "lifted", current.level(), WarningLevel.NONE, days, true));
                    raised.add(alert);
                    next = new WarningState(scope, WarningLevel.NONE, advice, alert.issuedAt(), alert.id(), null, null);
                }
            } else {
                Alert alert = bus.raise(alert(scope, target.code(), "downgraded", current.level(), target, days, false));
                raised.add(alert);
                next = new WarningState(scope, target, advice, alert.issuedAt(), alert.id(), alert.validFrom(), alert.validTo());
            }
        }
        if (!next.equals(current)) {
            store.put(STATE + scope, json.writeValueAsString(next));
        }
        return raised;
    }

    private Alert alert(String scope, String level, String action, WarningLevel previous, WarningLevel to,
                        List<AssessedDay> days, boolean lifting) {
        String place = Alert.CITY.equals(scope) ? registry.nameZh() : registry.county(scope).map(County::nameZh).orElse(scope);
        List<AssessedDay> episode = days.stream().filter(d -> d.aqi() > 150).toList();
        AssessedDay max = days.stream().max((x, y) -> Integer.compare(x.aqi(), y.aqi())).orElse(null);
        String primary = max == null || max.primary() == null ? "" : "，首要污染物" + max.primary().symbol();
        Instant from = episode.isEmpty() ? null : start(episode.get(0).date());
        Instant to2 = episode.isEmpty() ? null : start(episode.get(episode.size() - 1).date().plusDays(1));
        LocalDate today = LocalDate.now(clock.withZone(Alert.CHINA));
        String range = episode.isEmpty() ? "" : episodeRange(episode.get(0).date(), episode.get(episode.size() - 1).date(), today);
        String will = !episode.isEmpty() && !episode.get(0).date().isAfter(today) ? "出现" : "将出现";
        // an observed value says so (监测, the last 24 hours); a forecast one is the day's AQI
        String highest = max == null ? "" : max.observed() ? "监测近24小时AQI为" + max.aqi() : "日AQI最高" + max.aqi();
        String title;
        String text;
        switch (action) {
            case "advice" -> {
                title = place + "臭氧污染健康提示";
                text = range + place + will + "以臭氧为首要污染物的污染过程，" + highest
                        + "。依据" + grading.name() + "，臭氧污染过程不启动重污染天气预警，特发布健康提示：儿童、老年人及心脏病、"
                        + "呼吸系统疾病患者应减少午后户外活动；请加强挥发性有机物（VOCs）和氮氧化物排放监管。";
            }
            case "lifted" -> {
                title = place + "解除重污染天气" + previous.nameZh();
                text = "预计" + place + "空气质量将持续改善，日AQI不高于" + liftThreshold(previous) + "的时间超过"
                        + grading.liftHours() + "小时。自即时起解除" + previous.nameZh() + "（" + previous.gradeZh()
                        + "），各单位可终止相应应急响应措施。";
            }
            default -> {
                String verb = switch (action) {
                    case "upgraded" -> "重污染天气预警由" + previous.nameZh() + "升级为" + to.nameZh();
                    case "downgraded" -> "重污染天气预警由" + previous.nameZh() + "调整为" + to.nameZh();
                    default -> "发布重污染天气" + to.nameZh();
                };
                title = place + verb;
                text = range + place + will + "重污染天气过程，" + highest + primary
                        + "。依据" + grading.name() + "，达到" + to.nameZh() + "（" + to.gradeZh() + "）启动条件，请立即启动"
                        + to.gradeZh() + "应急响应，落实减排和健康防护措施。";
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("previousLevel", previous == WarningLevel.NONE ? "none" : previous.code());
        details.put("grading", grading.name());
        List<Map<String, Object>> dayList = new ArrayList<>();
        for (AssessedDay d : days) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", d.date().toString());
            m.put("aqi", d.aqi());
            if (d.primary() != null) {
                m.put("primaryPollutant", d.primary().symbol());
            }
            dayList.add(m);
        }
        details.put("days", dayList);
        return bus.create(AlertType.HEAVY_POLLUTION_WARNING, level, scope, Alert.CITY.equals(scope) ? null : scope,
                lifting ? null : from, lifting ? null : to2, title, text, details);
    }

    private int liftThreshold(WarningLevel level) {
        // the level's lowest trigger: the days ahead stay at or below it
        int lowest = Integer.MAX_VALUE;
        for (WarningGrading.Condition c : grading.levels().getOrDefault(level, List.of())) {
            for (WarningGrading.Run r : c.runs()) {
                lowest = Math.min(lowest, r.threshold());
            }
        }
        return lowest;
    }

    private static Instant start(LocalDate date) {
        return date.atStartOfDay(Alert.CHINA).toInstant();
    }

    /**
     * When the episode is, as officials read it: days ahead are a forecast ("预计12月3日至12月5日"); an
     * episode that includes today (observed, or today's forecast) is not ("今日（12月2日）起至12月4日",
     * "今日（12月2日）"); one day is one date, never "12月2日至12月2日".
     */
    static String episodeRange(LocalDate first, LocalDate last, LocalDate today) {
        if (first.isAfter(today)) {
            return "预计" + md(first) + (last.equals(first) ? "" : "至" + md(last));
        }
        String start = first.equals(today) ? "今日（" + md(first) + "）" : md(first);
        return last.equals(first) ? start : start + "起至" + md(last);
    }

    private static String md(LocalDate d) {
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** Every scope's current state, for {@code GET /api/v1/warnings/current}. */
    public List<WarningState> current() {
        return scopes().stream().map(this::state).toList();
    }
}
