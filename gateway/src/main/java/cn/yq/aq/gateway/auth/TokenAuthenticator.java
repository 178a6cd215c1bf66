package cn.yq.aq.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/**
 * Opaque bearer tokens (local profile): the configuration holds only each token's SHA-256; a
 * presented token is hashed and looked up.
 */
public final class TokenAuthenticator implements Authenticator {

    private final Map<String, Principal> byHash = new HashMap<>();

    public TokenAuthenticator(Iterable<GatewayProperties.Client> clients) {
        for (GatewayProperties.Client c : clients) {
            Principal.Role role = Principal.Role.valueOf(c.role().toUpperCase(Locale.ROOT));
            if (role == Principal.Role.SERVICE) {
                throw new IllegalArgumentException("service principals are not token clients");
            }
            byHash.put(c.sha256().toLowerCase(Locale.ROOT), new Principal(role, c.id(), c.county()));
        }
    }

    @Override
    public Mono<Principal> authenticate(String token) {
        return Mono.justOrEmpty(byHash.get(sha256(token)));
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
