package cn.yq.aq.target.review;

import java.time.LocalDate;

/** Approved marks changed the figures of the days {@code from} … {@code to}: they are to be recomputed. */
public record MarksChanged(LocalDate from, LocalDate to) {
}
