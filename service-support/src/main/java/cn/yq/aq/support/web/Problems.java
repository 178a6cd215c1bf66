package cn.yq.aq.support.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** RFC 9457 problem details with a stable {@code type} per kind of error and a Chinese title. */
public final class Problems {

    private Problems() {
    }

    /**
     * The one shape of every problem our services answer: {@code type /problems/<reason>}, a Chinese
     * {@code title}, {@code status}, {@code detail} and {@code reason} (what clients switch on).
     */
    public static ProblemDetail detail(HttpStatus status, String reason, String titleZh, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("/problems/" + reason));
        p.setTitle(titleZh);
        p.setProperty("reason", reason);
        return p;
    }

    /** The problem as an exception, for a controller to throw. */
    public static ErrorResponseException of(HttpStatus status, String reason, String titleZh, String detail) {
        return new ErrorResponseException(status, detail(status, reason, titleZh, detail), null);
    }

    public static ErrorResponseException badParameter(String detail) {
        return of(HttpStatus.BAD_REQUEST, "bad-parameter", "请求参数错误", detail);
    }

    public static ErrorResponseException notFound(String reason, String titleZh, String detail) {
        return of(HttpStatus.NOT_FOUND, reason, titleZh, detail);
    }

    /** An ISO date parameter ({@code 2025-01-15}). */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw badParameter("'" + name + "' is required, an ISO date such as 2025-01-15");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw badParameter("'" + name + "' must be an ISO date such as 2025-01-15, not '"
                    + value.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** A from/to pair: from ≤ to, at most {@code maxDays} days. */
    public static void range(LocalDate from, LocalDate to, int maxDays) {
        if (from.isAfter(to)) {
            throw badParameter("'from' " + from + " is after 'to' " + to);
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > maxDays) {
            throw badParameter("at most " + maxDays + " days per request");
        }
    }

    public static ErrorResponseException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", detail);
    }

    /** An optional ISO date parameter. */
    public static LocalDate optionalDate(String name, String value) {
        return value == null || value.isBlank() ? null : date(name, value);
    }
}
