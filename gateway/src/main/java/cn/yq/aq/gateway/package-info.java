/**
 * The gateway, the one door: {@code access} (canonical paths, authentication, the access policy,
 * rate limits, the signed principal for the services), {@code auth} (token and JWT authenticators, the
 * rules of who may call what), {@code routing} (the fallback when a service is down) and the registry
 * view. The registry and the problem-details shape come from service-support; it carries no Paho and
 * no InfluxDB client.
 */
package cn.yq.aq.gateway;
