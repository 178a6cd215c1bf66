package cn.yq.aq.ingest.reading;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static cn.yq.aq.ingest.reading.Rejection.quote;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the contract's JSON readings (ambient: {@code station}, CEMS: {@code source}). Structure and
 * types only; {@link cn.yq.aq.ingest.validation.ReadingValidator} checks ids, ranges and time. A reading
 * is read as a token stream (the tree of a whole document is only for HTTP's arrays): the tree and the
 * maps of its nodes were a quarter of ingest's CPU per reading.
 */
@Component
public class JsonReadingParser {

    private final JsonMapper mapper;

    /** Boot's mapper, made strict about duplicate keys (a reading naming {@code pm25} twice is refused, not guessed). */
    public JsonReadingParser(JsonMapper json) {
        this.mapper = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** Parses a JSON document (one reading, or for HTTP an array). */
    public JsonNode tree(byte[] payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new Rejection("invalid-json", "empty document");
            }
            return node;
        } catch (JacksonException e) {
            throw new Rejection("invalid-json", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * One reading from its JSON bytes, read as a token stream straight into the reading (no tree): the
     * whole document is read first, so a syntax error anywhere is {@code invalid-json}; then the rules
     * below, in this order, each with its reason.
     */
    public Reading parse(byte[] payload) {
        try {
            return read(mapper.createParser(payload));
        } catch (JacksonException e) {
            throw new Rejection("invalid-json", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** One element of an HTTP request's array (already parsed, duplicates checked): its tokens, by the same rules. */
    public Reading parse(JsonNode node) {
        return read(mapper.treeAsTokens(node));
    }

    private static Reading read(JsonParser parser) {
        Fields f;
        try (JsonParser p = parser) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new Rejection("invalid-json", "empty document");
            }
            f = first == JsonToken.START_OBJECT ? Fields.read(p) : null;
            if (f == null) {
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new Rejection("invalid-json", "not valid JSON: content after the reading");
            }
        } catch (JacksonException e) {
            throw new Rejection("invalid-json", "not valid JSON: " + e.getOriginalMessage());
        }
        if (f == null) {
            throw new Rejection("invalid-reading", "a reading is a JSON object");
        }
        return f.reading();
    }

    /** The kind of a JSON value as the refusals name it. */
    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** What the document's members held, gathered in one pass; the rules are applied after it. */
    private static final class Fields {
        JsonToken station;
        String stationText;
        JsonToken source;
        String sourceText;
        JsonToken time;
        String timeText;
        JsonToken interval;
        String intervalText;
        JsonToken values;
        final Map<String, Double> numbers = new LinkedHashMap<>();
        int valueCount;
        String badValue;
        String badValueKind;
        JsonToken flags;
        final Map<String, String> flagTexts = new LinkedHashMap<>();
        String badFlag;

        static Fields read(JsonParser p) {
            Fields f = new Fields();
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "station" -> {
                        f.station = t;
                        f.stationText = t == JsonToken.VALUE_STRING ? p.getString() : null;
                    }
                    case "source" -> {
                        f.source = t;
                        f.sourceText = t == JsonToken.VALUE_STRING ? p.getString() : null;
                    }
                    case "time" -> {
                        f.time = t;
                        f.timeText = t == JsonToken.VALUE_STRING ? p.getString() : null;
                    }
                    case "interval" -> {
                        f.interval = t;
                        f.intervalText = t == JsonToken.VALUE_STRING ? p.getString() : null;
                    }
                    case "values" -> {
                        f.values = t;
                        if (t == JsonToken.START_OBJECT) {
                            f.readValues(p);
                        }
                    }
                    case "flags" -> {
                        f.flags = t;
                        if (t == JsonToken.START_OBJECT) {
                            f.readFlags(p);
                        }
                    }
                    default -> { }
                }
                p.skipChildren(); // a member not read above (or one left unread when it was not the expected kind)
            }
            return f;
        }

        private void readValues(JsonParser p) {
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken t = p.nextToken();
                valueCount++;
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    numbers.put(name, p.getDoubleValue());
                } else {
                    if (badValue == null) {
                        badValue = name;
                        badValueKind = kind(t);
                    }
                    p.skipChildren();
                }
            }
        }

        private void readFlags(JsonParser p) {
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_STRING) {
                    flagTexts.put(name, p.getString());
                } else {
                    if (badFlag == null) {
                        badFlag = name;
                    }
                    p.skipChildren();
                }
            }
        }

        Reading reading() {
            if ((station == null) == (source == null)) {
                throw new Rejection("invalid-reading", "a reading names exactly one of 'station' or 'source'");
            }
            Measurement measurement = station != null ? Measurement.AMBIENT : Measurement.CEMS;
            String id = station != null ? stationText : sourceText;
            if (id == null) {
                throw new Rejection("invalid-reading", "'" + measurement.idField() + "' must be a string");
            }
            if (timeText == null) {
                throw new Rejection("invalid-time", "'time' must be an ISO-8601 string with offset", null);
            }
            java.time.Instant instant;
            try {
                instant = ReadingTimes.time(timeText);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Rejection("invalid-time", "'time' " + quote(timeText)
                        + " is not an ISO-8601 date-time with offset, e.g. 2025-01-15T08:00:00+08:00");
            }
            Duration duration = Duration.ofHours(1);
            if (interval != null && interval != JsonToken.VALUE_NULL) {
                if (intervalText == null) {
                    throw new Rejection("invalid-interval", "'interval' must be an ISO-8601 duration string");
                }
                try {
                    duration = ReadingTimes.interval(intervalText);
                } catch (DateTimeParseException | ArithmeticException e) {
                    throw new Rejection("invalid-interval", "'interval' " + quote(intervalText)
                            + " is not an ISO-8601 duration (PT0S, PT1M, PT5M, PT10M, PT15M, PT30M, PT1H, P1D)");
                }
                // which durations the contract allows is the validator's rule (aq.validation.intervals)
            }
            if (values != JsonToken.START_OBJECT || valueCount == 0) {
                throw new Rejection("invalid-reading", "'values' must be a non-empty object of numbers");
            }
            if (badValue != null) {
                throw new Rejection("invalid-value", "value of " + quote(badValue) + " must be a number, not " + badValueKind);
            }
            if (flags != null && flags != JsonToken.VALUE_NULL) {
                if (flags != JsonToken.START_OBJECT) {
                    throw new Rejection("invalid-flag", "'flags' must be an object of HJ 212 data flags");
                }
                if (badFlag != null) {
                    throw new Rejection("invalid-flag", "flag of " + quote(badFlag) + " must be a string");
                }
            }
            return new Reading(measurement, id, instant, duration, numbers, flagTexts);
        }
    }
}
