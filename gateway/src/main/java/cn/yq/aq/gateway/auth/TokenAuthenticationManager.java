package cn.yq.aq.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/**
 * Opaque bearer tokens (local profile): the configuration holds only each token's SHA-256; a
 * presented token is hashed and looked up. Unknown: {@link InvalidBearerTokenException} (401).
 */
public final class TokenAuthenticationManager implements ReactiveAuthenticationManager {

    private final Map<String, Caller> byHash = new HashMap<>();

    public TokenAuthenticationManager(Iterable<GatewayProperties.Client> clients) {
        for (GatewayProperties.Client c : clients) {
            Principal.Role role = Principal.Role.valueOf(c.role().toUpperCase(Locale.ROOT));
            if (role == Principal.Role.SERVICE) {
                throw new IllegalArgumentException("service principals are not token clients");
            }
            byHash.put(c.sha256().toLowerCase(Locale.ROOT), new Caller(new Principal(role, c.id(), c.county())));
        }
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        Caller caller = byHash.get(sha256(bearer.getToken()));
        return caller != null ? Mono.just(caller) : Mono.error(new InvalidBearerTokenException("the token is not valid"));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return byHash.size();
    }
}
