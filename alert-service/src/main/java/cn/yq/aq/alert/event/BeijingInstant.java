package cn.yq.aq.alert.event;

import java.time.Instant;
import java.time.OffsetDateTime;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/** An instant as the contract writes it: ISO-8601 with the +08:00 offset ({@code 2026-01-10T08:00+08:00}). */
final class BeijingInstant {

    private BeijingInstant() {
    }

    static final class Writer extends ValueSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(Alert.iso(value));
        }
    }

    static final class Reader extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            return OffsetDateTime.parse(p.getString()).toInstant();
        }
    }

}
