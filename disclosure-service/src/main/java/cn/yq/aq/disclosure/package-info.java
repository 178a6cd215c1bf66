/**
 * disclosure-service: what the platform publishes without a token ({@code /public} through the gateway), made from
 * the official figures of target-service and the warnings of alert-service, read as the service principal
 * {@code disclosure-service}, kept as one snapshot for a short while and served from memory.
 */
package cn.yq.aq.disclosure;
