/**
 * The gateway, the one door, on Spring Security WebFlux: {@code access} (the rules table of who may
 * call what and where it goes, the firewall, the security chain, the authorization manager, rate
 * limits, the signed principal for the services, the request log), {@code auth} (how a bearer token
 * becomes a caller: opaque tokens, OIDC JWTs), {@code routing} (the routes made from the rules, the
 * fallback when a service is down) and the registry view. The registry and the problem-details shape
 * come from service-support; it carries no Paho and no InfluxDB client.
 */
package cn.yq.aq.gateway;
