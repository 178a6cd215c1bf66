package cn.yq.aq.gateway.auth;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import cn.yq.aq.support.security.Principal;

/**
 * An authenticated caller, as Spring Security holds it: its {@link Principal} (role, id, county)
 * whichever way it authenticated (an opaque token or a JWT). The authority is {@code ROLE_<ROLE>}.
 */
public final class Caller extends AbstractAuthenticationToken {

    private final Principal principal;

    public Caller(Principal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    /** Never the token. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return principal.role().code() + ":" + principal.id();
    }
}
