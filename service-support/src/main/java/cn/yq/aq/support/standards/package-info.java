/**
 * The standards library as this deployment configures it ({@code aq.rules}): the rule calendar (which
 * rules a date's data falls under) and the HJ 663 daily statistics, bound once for every service.
 */
package cn.yq.aq.support.standards;
