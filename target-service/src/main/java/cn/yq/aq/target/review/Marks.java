package cn.yq.aq.target.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import cn.yq.aq.target.store.ReviewStore;
import cn.yq.aq.target.store.ReviewStore.MarkAct;

/**
 * The two-level review of data (数据审核): a reviewer (level 1: the station's operator or the county's
 * monitoring staff) proposes a mark on hours of a station or source of its county; the bureau (level 2)
 * approves or rejects it; the bureau's own mark is approved at once. Every act is appended to the trail
 * ({@link ReviewStore}) and nothing is ever removed; raw readings are never touched. Only approved marks
 * change figures: an approval announces the days it touches ({@link MarksChanged}), which are recomputed.
 * A mark inside a closed month is refused (409) until the bureau reopens it.
 */
@Component
public class Marks {

    /** What may be marked: a station's pollutants, a source's flue-gas values. */
    static final Set<String> AMBIENT = Set.of("pm25", "pm10", "so2", "no2", "co", "o3", "nmhc");
    static final Set<String> CEMS = Set.of("pm", "so2", "nox", "o2", "flow", "temp", "velocity", "pressure", "humidity", "co", "nmhc");
    /** The longest span one mark may cover. */
    static final long MAX_HOURS = 31L * 24;

    private final ReviewStore store;
    private final Registry registry;
    private final Months months;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Marks(ReviewStore store, Registry registry, Months months, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.registry = registry;
        this.months = months;
        this.clock = clock;
        this.events = events;
    }

    /** An instant as the contract writes it: +08:00. */
    static String iso(Instant t) {
        return t == null ? null : t.atZone(BeijingTime.ZONE).toOffsetDateTime().toString();
    }

    /** A proposal (reviewer) or an approved mark (bureau). */
    public synchronized Mark propose(Principal who, MarkRequest r) {
        String kind;
        String county;
        Set<String> allowed;
        if (registry.station(r.target()).isPresent()) {
            kind = "station";
            county = registry.station(r.target()).get().county();
            allowed = AMBIENT;
        } else if (registry.source(r.target()).isPresent()) {
            kind = "source";
            county = registry.source(r.target()).get().county();
            allowed = CEMS;
        } else {
            throw Problems.notFound("unknown-target", "未登记的站点或污染源", "no station or source '" + clean(r.target()) + "'");
        }
        if (!who.mayRead(county)) {
            throw Problems.forbidden("a reviewer marks only the stations and sources of its own county");
        }
        for (String p : r.pollutants()) {
            if (!allowed.contains(p)) {
                throw Problems.badParameter("'" + clean(p) + "' is not a value of a " + kind + ": one of " + new java.util.TreeSet<>(allowed));
            }
        }
        Instant from = hour("from", r.from());
        Instant to = hour("to", r.to());
        if (!to.isAfter(from) || ChronoUnit.HOURS.between(from, to) > MAX_HOURS) {
            throw Problems.badParameter("'to' must be after 'from', at most " + MAX_HOURS + " hours later");
        }
        if (to.isAfter(Instant.now(clock).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))) {
            throw Problems.badParameter("hours in the future cannot be marked");
        }
        if ("other".equals(r.reason()) && (r.note() == null || r.note().isBlank())) {
            throw Problems.badParameter("the reason 'other' needs a note");
        }
        requireOpen(from, to);
        Instant now = Instant.now(clock);
        String id = UUID.randomUUID().toString();
        String role = who.role() == Principal.Role.BUREAU ? "bureau" : "reviewer";
        List<String> pollutants = List.copyOf(new java.util.LinkedHashSet<>(r.pollutants()));
        MarkAct proposed = new MarkAct(id, "propose", "proposed", r.target(), kind, county, pollutants, from, to, r.action(), r.reason(),
                r.note(), r.suspect(), who.id(), role, now);
        store.append(proposed);
        if (who.role() != Principal.Role.BUREAU) {
            return fold(List.of(proposed));
        }
        MarkAct approved = act(proposed, "approve", "approved", who, null, now);
        store.append(approved);
        events.publishEvent(new MarksChanged(day(from), day(to.minusSeconds(1))));
        return fold(List.of(proposed, approved));
    }

    /** The bureau's decision on a proposed mark. */
    public synchronized Mark decide(Principal bureau, String id, DecisionRequest d) {
        List<MarkAct> acts = new ArrayList<>(store.markActs().stream().filter(a -> a.id().equals(id)).toList());
        if (acts.isEmpty()) {
            throw Problems.notFound("unknown-mark", "审核标记不存在", "no mark " + clean(id));
        }
        Mark m = fold(acts);
        if (!"proposed".equals(m.status())) {
            throw Problems.of(HttpStatus.CONFLICT, "mark-decided", "该标记已审核", "mark " + id + " is " + m.status() + " already");
        }
        requireOpen(m.start(), m.end());
        boolean approve = "approve".equals(d.decision());
        MarkAct decision = act(acts.get(0), approve ? "approve" : "reject", approve ? "approved" : "rejected", bureau, d.note(),
                Instant.now(clock));
        store.append(decision);
        if (approve) {
            events.publishEvent(new MarksChanged(day(m.start()), day(m.end().minusSeconds(1))));
        }
        acts.add(decision);
        return fold(acts);
    }

    /** Every mark, folded from its acts, oldest first. */
    public List<Mark> all() {
        Map<String, List<MarkAct>> byId = new LinkedHashMap<>();
        for (MarkAct a : store.markActs()) {
            byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
        }
        List<Mark> out = new ArrayList<>();
        byId.values().forEach(acts -> out.add(fold(acts)));
        return out;
    }

    /** The marks whose hours touch the days {@code from} … {@code to}, as {@code who} may see them. */
    public List<Mark> list(Principal who, LocalDate from, LocalDate to, String county, String target, String status) {
        Instant start = from.atStartOfDay(BeijingTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant();
        return all().stream().filter(m -> m.overlaps(start, end)).filter(m -> who.mayRead(m.county()))
                .filter(m -> county == null || county.equals(m.county())).filter(m -> target == null || target.equals(m.target()))
                .filter(m -> status == null || status.equals(m.status())).toList();
    }

    /** The approved marks whose hours overlap [{@code from}, {@code to}), in the order they were approved. */
    public List<Mark> approved(Instant from, Instant to) {
        return all().stream().filter(Mark::approved).filter(m -> m.overlaps(from, to))
                .sorted(java.util.Comparator.comparing(Mark::decidedAt)).toList();
    }

    private static Mark fold(List<MarkAct> acts) {
        MarkAct first = acts.get(0);
        MarkAct last = acts.get(acts.size() - 1);
        List<Mark.Act> history = acts.stream().map(a -> new Mark.Act(a.act(), a.by(), a.role(), iso(a.at()), a.note())).toList();
        return new Mark(first.id(), first.target(), first.kind(), first.county(), first.pollutants(), iso(first.from()), iso(first.to()),
                first.action(), first.reason(), first.note(), first.suspect(), last.status(), history, first.from(), first.to(),
                "approved".equals(last.status()) ? last.at() : null);
    }

    private static MarkAct act(MarkAct mark, String act, String status, Principal who, String note, Instant at) {
        return new MarkAct(mark.id(), act, status, mark.target(), mark.kind(), mark.county(), mark.pollutants(), mark.from(), mark.to(),
                mark.action(), mark.reason(), note, mark.suspect(), who.id(), "bureau", at);
    }

    /** 409 when an hour of [from, to) lies in a closed month. */
    private void requireOpen(Instant from, Instant to) {
        Set<YearMonth> closed = months.closedMonths();
        for (YearMonth m = YearMonth.from(day(from)); !m.isAfter(YearMonth.from(day(to.minusSeconds(1)))); m = m.plusMonths(1)) {
            if (closed.contains(m)) {
                throw Problems.of(HttpStatus.CONFLICT, "month-closed", "该月已封账，需重新开账后才能标记",
                        m + " is closed: the bureau must reopen it first");
            }
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(BeijingTime.ZONE).toLocalDate();
    }

    private static Instant hour(String name, String value) {
        try {
            Instant t = OffsetDateTime.parse(value).toInstant();
            if (!t.equals(t.truncatedTo(ChronoUnit.HOURS))) {
                throw Problems.badParameter("'" + name + "' must be a whole hour");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw Problems.badParameter("'" + name + "' must be an ISO date-time with offset, e.g. 2026-01-10T08:00+08:00");
        }
    }

    private static String clean(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
