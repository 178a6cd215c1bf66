package cn.yq.aq.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;

/** What each channel vouches for, decided in one place: every refusal is {@code id-mismatch} with what did not fit. */
class ClaimTest {

    static Reading reading(Measurement m, String id) {
        return new Reading(m, id, Instant.parse("2025-01-15T00:00:00Z"), Duration.ofHours(1), Map.of("pm25", 1.0), Map.of());
    }

    static void refused(Runnable check, String detail) {
        assertThatThrownBy(check::run).isInstanceOf(Rejection.class)
                .satisfies(e -> assertThat(((Rejection) e).reason()).isEqualTo("id-mismatch"))
                .satisfies(e -> assertThat(((Rejection) e).detail()).isEqualTo(detail));
    }

    @Test
    void aTopicVouchesForItsMeasurementAndId() {
        Claim topic = Claim.topic(Measurement.AMBIENT, "YQ-CQ-01");
        assertThatNoException().isThrownBy(() -> topic.checkMeasurement(reading(Measurement.AMBIENT, "YQ-CQ-01")));
        refused(() -> topic.checkMeasurement(reading(Measurement.CEMS, "YQ-JQ-B03")), "a cems reading on a ambient topic");
        refused(() -> topic.checkId(reading(Measurement.AMBIENT, "YQ-CQ-02"), null), "station YQ-CQ-02 does not match 'YQ-CQ-01'");
    }

    @Test
    void anHj212TopicVouchesForTheMnNotTheId() {
        Claim mn = Claim.mn("MN0001");
        assertThatNoException().isThrownBy(() -> mn.checkId(reading(Measurement.CEMS, "YQ-JQ-B03"), "MN0001"));
        refused(() -> mn.checkId(reading(Measurement.CEMS, "YQ-JQ-B03"), "MN0002"), "MN MN0002 does not match the topic's 'MN0001'");
    }

    @Test
    void aStationTokenAdmitsOnlyItsOwnIdAndNoTokenAdmitsAny() {
        assertThat(Claim.station("YQ-CQ-01").admits("YQ-CQ-01")).isTrue();
        assertThat(Claim.station("YQ-CQ-01").admits("YQ-CQ-02")).isFalse();
        assertThat(Claim.station("YQ-CQ-01").admits(null)).isFalse();
        assertThat(Claim.station(null)).isSameAs(Claim.any());
        assertThat(Claim.any().admits("anything")).isTrue();
        assertThatNoException().isThrownBy(() -> Claim.any().checkMeasurement(reading(Measurement.CEMS, "YQ-JQ-B03")));
    }
}
