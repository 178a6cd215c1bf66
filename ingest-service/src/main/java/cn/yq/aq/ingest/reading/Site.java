package cn.yq.aq.ingest.reading;

import java.util.Optional;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;

/**
 * The registry entry a reading belongs to: a station (an {@code ambient} reading) or a source ({@code cems}).
 * Looked up once per reading (by the validator, or by the HJ 212 mapper through the MN) and handed on to the line.
 */
public sealed interface Site {

    String id();

    Measurement measurement();

    /** An air-quality station's. */
    record OfStation(Station station) implements Site {
        @Override
        public String id() {
            return station.id();
        }

        @Override
        public Measurement measurement() {
            return Measurement.AMBIENT;
        }
    }

    /** A flue-gas source's. */
    record OfSource(Source source) implements Site {
        @Override
        public String id() {
            return source.id();
        }

        @Override
        public Measurement measurement() {
            return Measurement.CEMS;
        }
    }

    /** The registered station or source of that measurement and id. */
    static Optional<Site> lookup(Registry registry, Measurement measurement, String id) {
        return measurement == Measurement.AMBIENT ? registry.station(id).map(OfStation::new)
                : registry.source(id).map(OfSource::new);
    }
}
