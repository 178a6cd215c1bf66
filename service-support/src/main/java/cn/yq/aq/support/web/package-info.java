/**
 * The one problem-details shape (RFC 9457: {@code type /problems/<reason>}, a Chinese {@code title},
 * {@code status}, {@code detail}, {@code reason}): {@link cn.yq.aq.support.web.Problems} for
 * controllers, {@link cn.yq.aq.support.web.ProblemResponses} for filters that answer before any
 * controller, {@link cn.yq.aq.support.web.RequestProblems} for bodies refused by {@code @Valid} or unreadable.
 */
package cn.yq.aq.support.web;
