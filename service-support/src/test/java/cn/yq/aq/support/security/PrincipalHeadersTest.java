package cn.yq.aq.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PrincipalHeadersTest {

    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
    final PrincipalHeaders headers = new PrincipalHeaders("0123456789abcdef-secret", Duration.ofSeconds(60),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSignedPrincipalVerifies() {
        String value = headers.value(Principal.county("pingding"));
        assertThat(value).isEqualTo("role=county;id=pingding;county=pingding;ts=" + NOW.getEpochSecond());
        assertThat(headers.verify(value, headers.sign(value))).contains(Principal.county("pingding"));
    }

    @Test
    void aChangedValueOrAnotherSecretFails() {
        String value = headers.value(Principal.county("pingding"));
        String signature = headers.sign(value);
        // a client that changes the county keeps the old signature: refused
        assertThat(headers.verify(value.replace("county=pingding", "county=yuxian"), signature)).isEmpty();
        PrincipalHeaders other = new PrincipalHeaders("another-secret-0123456789", Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(other.verify(value, signature)).isEmpty();
        assertThat(headers.verify(value, null)).isEmpty();
        assertThat(headers.verify("role=bureau;id=bureau;ts=" + NOW.getEpochSecond(), "00")).isEmpty();
    }

    @Test
    void aStaleStatementFails() {
        String value = headers.value(Principal.bureau());
        PrincipalHeaders later = new PrincipalHeaders("0123456789abcdef-secret", Duration.ofSeconds(60),
                Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThat(later.verify(value, headers.sign(value))).isEmpty();
        PrincipalHeaders soon = new PrincipalHeaders("0123456789abcdef-secret", Duration.ofSeconds(60),
                Clock.fixed(NOW.plusSeconds(59), ZoneOffset.UTC));
        assertThat(soon.verify(value, headers.sign(value))).contains(Principal.bureau());
    }

    @Test
    void countyPrincipalsReadOnlyTheirCounty() {
        assertThat(Principal.county("pingding").mayRead("pingding")).isTrue();
        assertThat(Principal.county("pingding").mayRead("yuxian")).isFalse();
        assertThat(Principal.bureau().mayRead("yuxian")).isTrue();
    }
}
