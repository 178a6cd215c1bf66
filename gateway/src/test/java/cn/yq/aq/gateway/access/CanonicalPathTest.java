package cn.yq.aq.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one path form the gateway accepts; every variant the attacker's matrix used is refused. */
class CanonicalPathTest {

    @Test
    void canonicalPathsPass() {
        for (String p : List.of("/", "/api/v1/aqi/daily", "/api/v1/rankings/province/2025-11-ytd", "/actuator/health/readiness",
                "/api/v1/alerts/0f8c2a3e-1b2c-4d5e-8f90-123456789abc/ack", "/v3/api-docs/target-service", "/a_b~c.d")) {
            assertThat(CanonicalPath.problem(p)).as(p).isNull();
        }
    }

    @Test
    void everyVariantIsRefusedWithItsReason() {
        assertThat(CanonicalPath.problem("/%61pi/v1/aqi/daily")).contains("percent-encoded");
        assertThat(CanonicalPath.problem("/api%2fv1/aqi/daily")).contains("percent-encoded");
        assertThat(CanonicalPath.problem("/api/x/%2e%2e/v1")).contains("percent-encoded");
        assertThat(CanonicalPath.problem("/api;x=1/v1/aqi/daily")).contains("';' parameters");
        assertThat(CanonicalPath.problem("/api/v1/aqi/daily;jsessionid=1")).contains("';' parameters");
        assertThat(CanonicalPath.problem("/api//v1/aqi/daily")).contains("empty path segments");
        assertThat(CanonicalPath.problem("/api/./v1/aqi/daily")).contains("'.' and '..'");
        assertThat(CanonicalPath.problem("/api/x/../v1/aqi/daily")).contains("'.' and '..'");
        assertThat(CanonicalPath.problem("/api/v1/aqi/daily/")).contains("trailing /");
        assertThat(CanonicalPath.problem("/api\\v1/aqi/daily")).contains("'\\'");
        assertThat(CanonicalPath.problem("/api/v1/aqi/daily\u00e9")).contains("non-ASCII");
        assertThat(CanonicalPath.problem("/api/v1/aqi/daily\u0000")).contains("U+0000");
        assertThat(CanonicalPath.problem("/api/v1/a b")).contains("' '");
        assertThat(CanonicalPath.problem("api/v1/aqi/daily")).contains("must start with /");
        assertThat(CanonicalPath.problem("")).contains("must start with /");
        assertThat(CanonicalPath.problem(null)).contains("must start with /");
        assertThat(CanonicalPath.problem("/" + "a".repeat(CanonicalPath.MAX_LENGTH))).contains("longer than");
    }

    @Test
    void dotsInsideASegmentAreNotDotSegments() {
        assertThat(CanonicalPath.problem("/api/v1/a..b")).isNull();
        assertThat(CanonicalPath.problem("/api/v1/.hidden")).isNull();
        assertThat(CanonicalPath.problem("/api/v1/...")).isNull();
    }
}
