package cn.yq.aq.gateway.auth;

import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/** Turns a bearer token into the caller; empty when the token is not valid. */
public interface Authenticator {

    Mono<Principal> authenticate(String token);
}
