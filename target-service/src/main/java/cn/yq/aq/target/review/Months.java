package cn.yq.aq.target.review;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import cn.yq.aq.target.store.ReviewStore;

/**
 * Month close (封账): the bureau closes a month that has ended; its official figures are then frozen (the
 * materialisation leaves its days alone and no mark may touch it) until the bureau reopens it. Every close
 * and reopen is a recorded act with a note.
 */
@Component
public class Months {

    /** A month's state and its history of acts. */
    public record MonthState(String month, String status, String closedAt, String closedBy, List<Act> history) {

        public boolean closed() {
            return "closed".equals(status);
        }
    }

    /** One close or reopen. */
    public record Act(String act, String by, String at, String note) {
    }

    private final ReviewStore store;
    private final Clock clock;

    Months(ReviewStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw Problems.badParameter("the month must be yyyy-MM");
        }
    }

    public MonthState state(YearMonth month) {
        List<Act> history = new ArrayList<>();
        ReviewStore.MonthAct last = null;
        for (ReviewStore.MonthAct a : store.monthActs()) {
            if (a.month().equals(month.toString())) {
                history.add(new Act(a.act(), a.by(), Marks.iso(a.at()), a.note()));
                last = a;
            }
        }
        boolean closed = last != null && "close".equals(last.act());
        return new MonthState(month.toString(), closed ? "closed" : "open", closed ? Marks.iso(last.at()) : null,
                closed ? last.by() : null, history);
    }

    /** The closed months (read once). */
    public java.util.Set<YearMonth> closedMonths() {
        return closedAt().keySet();
    }

    /** Each closed month and when it was closed (+08:00), read once. */
    public java.util.Map<YearMonth, String> closedAt() {
        java.util.Map<String, ReviewStore.MonthAct> last = new java.util.HashMap<>();
        store.monthActs().forEach(a -> last.put(a.month(), a));
        java.util.Map<YearMonth, String> out = new java.util.HashMap<>();
        last.forEach((m, a) -> {
            if ("close".equals(a.act())) {
                out.put(YearMonth.parse(m), Marks.iso(a.at()));
            }
        });
        return out;
    }

    /** Closes a month that has ended (409 otherwise, or when it is closed already). */
    public synchronized MonthState close(Principal bureau, YearMonth month, String note) {
        if (!month.isBefore(YearMonth.now(clock.withZone(BeijingTime.ZONE)))) {
            throw Problems.of(HttpStatus.CONFLICT, "month-not-ended", "该月尚未结束，不能封账", month + " has not ended yet");
        }
        if (state(month).closed()) {
            throw Problems.of(HttpStatus.CONFLICT, "month-closed", "该月已封账", month + " is closed already");
        }
        store.append(new ReviewStore.MonthAct(month.toString(), "close", bureau.id(), note, Instant.now(clock)));
        return state(month);
    }

    /** Reopens a closed month (409 when it is open). */
    public synchronized MonthState reopen(Principal bureau, YearMonth month, String note) {
        if (!state(month).closed()) {
            throw Problems.of(HttpStatus.CONFLICT, "month-open", "该月未封账", month + " is not closed");
        }
        if (note == null || note.isBlank()) {
            throw Problems.badParameter("reopening a closed month needs a note saying why");
        }
        store.append(new ReviewStore.MonthAct(month.toString(), "reopen", bureau.id(), note, Instant.now(clock)));
        return state(month);
    }
}
