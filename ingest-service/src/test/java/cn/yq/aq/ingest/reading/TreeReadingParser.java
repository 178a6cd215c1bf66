package cn.yq.aq.ingest.reading;

import static cn.yq.aq.ingest.reading.Rejection.quote;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The tree-walking reading parser ingest had before the streaming one (kept verbatim as the oracle of
 * JsonReadingParserTest: the streaming parser must give the same reading or the same refusal).
 */
final class TreeReadingParser {

    private TreeReadingParser() {
    }

    static Reading parse(JsonNode node) {
        if (!node.isObject()) {
            throw new Rejection("invalid-reading", "a reading is a JSON object");
        }
        JsonNode station = node.get("station");
        JsonNode source = node.get("source");
        if ((station == null) == (source == null)) {
            throw new Rejection("invalid-reading", "a reading names exactly one of 'station' or 'source'");
        }
        Measurement measurement = station != null ? Measurement.AMBIENT : Measurement.CEMS;
        JsonNode idNode = station != null ? station : source;
        if (!idNode.isString()) {
            throw new Rejection("invalid-reading", "'" + measurement.idField() + "' must be a string");
        }
        String id = idNode.stringValue();

        JsonNode timeNode = node.get("time");
        if (timeNode == null || !timeNode.isString()) {
            throw new Rejection("invalid-time", "'time' must be an ISO-8601 string with offset", null);
        }
        java.time.Instant time;
        try {
            time = OffsetDateTime.parse(timeNode.stringValue()).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Rejection("invalid-time", "'time' " + quote(timeNode.stringValue())
                    + " is not an ISO-8601 date-time with offset, e.g. 2025-01-15T08:00:00+08:00");
        }

        Duration interval = Duration.ofHours(1);
        JsonNode intervalNode = node.get("interval");
        if (intervalNode != null && !intervalNode.isNull()) {
            if (!intervalNode.isString()) {
                throw new Rejection("invalid-interval", "'interval' must be an ISO-8601 duration string");
            }
            try {
                interval = Duration.parse(intervalNode.stringValue());
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Rejection("invalid-interval", "'interval' " + quote(intervalNode.stringValue())
                        + " is not an ISO-8601 duration (PT0S, PT1M, PT5M, PT10M, PT15M, PT30M, PT1H, P1D)");
            }
            // which durations the contract allows is the validator's rule (aq.validation.intervals)
        }

        JsonNode valuesNode = node.get("values");
        if (valuesNode == null || !valuesNode.isObject() || valuesNode.isEmpty()) {
            throw new Rejection("invalid-reading", "'values' must be a non-empty object of numbers");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : valuesNode.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw new Rejection("invalid-value", "value of " + quote(e.getKey()) + " must be a number, not "
                        + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            values.put(e.getKey(), v.doubleValue());
        }

        Map<String, String> flags = new LinkedHashMap<>();
        JsonNode flagsNode = node.get("flags");
        if (flagsNode != null && !flagsNode.isNull()) {
            if (!flagsNode.isObject()) {
                throw new Rejection("invalid-flag", "'flags' must be an object of HJ 212 data flags");
            }
            for (Map.Entry<String, JsonNode> e : flagsNode.properties()) {
                if (!e.getValue().isString()) {
                    throw new Rejection("invalid-flag", "flag of " + quote(e.getKey()) + " must be a string");
                }
                flags.put(e.getKey(), e.getValue().stringValue());
            }
        }
        return new Reading(measurement, id, time, interval, values, flags);
    }
}
