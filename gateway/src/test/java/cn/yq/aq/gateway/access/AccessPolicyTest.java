package cn.yq.aq.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.support.security.Principal;

/** Deny by default: only the listed operations pass, each to its roles and, for a county, its own scope. */
class AccessPolicyTest {

    final AccessPolicy policy = new AccessPolicy(RegistryLoader.builtIn("yangquan"));
    final Principal bureau = Principal.bureau();
    final Principal pingding = Principal.county("pingding");
    final Principal station = new Principal(Principal.Role.STATION, "YQ-PD-01", "pingding");

    static MultiValueMap<String, String> query(String... kv) {
        MultiValueMap<String, String> q = new LinkedMultiValueMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            q.add(kv[i], kv[i + 1]);
        }
        return q;
    }

    AccessPolicy.Decision decide(Principal who, String method, String path, String... kv) {
        return policy.decide(who, HttpMethod.valueOf(method), path, query(kv));
    }

    @Test
    void onlyTheHealthProbesArePublic() {
        assertThat(policy.lookup(HttpMethod.GET, "/actuator/health").isPublic()).isTrue();
        assertThat(policy.lookup(HttpMethod.HEAD, "/actuator/health/readiness").isPublic()).isTrue();
        assertThat(policy.lookup(HttpMethod.GET, "/actuator/prometheus").isPublic()).isFalse();
        assertThat(policy.lookup(HttpMethod.POST, "/actuator/health").isPublic()).isFalse();
        assertThat(policy.lookup(HttpMethod.GET, "/api/v1/warnings/current").isPublic()).isFalse();
        assertThat(policy.lookup(HttpMethod.GET, "/fallback/target-service").isPublic()).isFalse();
    }

    @Test
    void whatNoRuleNamesIsRefusedEvenForTheBureau() {
        assertThat(decide(bureau, "GET", "/fallback/target-service").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(bureau, "GET", "/API/V1/WARNINGS/CURRENT").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(bureau, "GET", "/api/v1/admin/other").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(bureau, "DELETE", "/api/v1/subscriptions/pingding").status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(decide(bureau, "GET", "/api/v1/admin/recompute").status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(decide(bureau, "POST", "/api/v1/admin/recompute").allowed()).isTrue();
        assertThat(decide(bureau, "PUT", "/api/v1/rankings/province/2025-13x").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(bureau, "PUT", "/api/v1/rankings/province/2025-11-ytd").allowed()).isTrue();
        assertThat(decide(bureau, "PUT", "/api/v1/rankings/province/2025-11-ytdx").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(bureau, "GET", "/api/v1/aqi/hourly").status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aCountyReadsItsOwnAndChangesNothing() {
        assertThat(decide(pingding, "GET", "/api/v1/aqi/daily", "county", "pingding").allowed()).isTrue();
        assertThat(decide(pingding, "GET", "/api/v1/aqi/daily", "county", "pingding", "county", "yuxian").allowed()).isFalse();
        assertThat(decide(pingding, "GET", "/api/v1/aqi/daily", "station", "YQ-YX-01").allowed()).isFalse();
        assertThat(decide(pingding, "GET", "/api/v1/aqi/daily", "station", "YQ-PD-02").allowed()).isTrue();
        assertThat(decide(pingding, "GET", "/api/v1/subscriptions/yuxian").allowed()).isFalse();
        assertThat(decide(pingding, "GET", "/api/v1/subscriptions/pingding").allowed()).isTrue();
        assertThat(decide(pingding, "PUT", "/api/v1/subscriptions/pingding").status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(decide(pingding, "POST", "/api/v1/forecasts").status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(decide(pingding, "GET", "/actuator/prometheus").status()).isEqualTo(HttpStatus.FORBIDDEN);
        // without county=, the compliance list is narrowed to its own enterprises
        assertThat(decide(pingding, "GET", "/api/v1/sources/compliance").addQuery()).containsEntry("county", "pingding");
    }

    @Test
    void thePathVariablesOfARuleAreWhatTheScopeReads() {
        AccessPolicy.Lookup l = policy.lookup(HttpMethod.GET, "/api/v1/subscriptions/pingding");
        assertThat(l.rule().route()).isEqualTo(AccessRules.Route.ALERT);
        assertThat(l.variables()).containsEntry("county", "pingding");
        assertThat(policy.lookup(HttpMethod.GET, "/api/v1/alerts/stream").rule().route()).isEqualTo(AccessRules.Route.ALERT_STREAM);
        assertThat(policy.lookup(HttpMethod.GET, "/api/v1/stations").rule().route()).isEqualTo(AccessRules.Route.LOCAL);
    }

    @Test
    void aStationOnlyPostsReadings() {
        assertThat(decide(station, "POST", "/api/v1/readings").allowed()).isTrue();
        assertThat(decide(station, "GET", "/api/v1/warnings/current").status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(decide(station, "GET", "/api/v1/stations").status()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
