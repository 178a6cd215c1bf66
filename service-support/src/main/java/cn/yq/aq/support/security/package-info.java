/**
 * The caller as the gateway vouches for it: the signed {@code X-AQ-Principal} headers, the filter that
 * refuses any request without a valid signature (services are reachable only through the gateway) and
 * the per-county checks controllers call. Auto-configured in every service.
 */
package cn.yq.aq.support.security;
