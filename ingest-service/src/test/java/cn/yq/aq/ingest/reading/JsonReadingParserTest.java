package cn.yq.aq.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming reading parser against the tree-walking one it replaced ({@link TreeReadingParser}, the
 * oracle): for every document of a corpus (the contract's forms, each rule broken, and thousands of
 * random mutations of them) both give the same reading, or the same refusal with the same detail.
 */
class JsonReadingParserTest {

    final JsonReadingParser streaming = new JsonReadingParser(tools.jackson.databind.json.JsonMapper.builder().build());
    static final JsonMapper TREES = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What the old parser answered: its tree (invalid-json when Jackson refused the document), then its rules. */
    static String oracle(String document) {
        JsonNode node;
        try {
            node = TREES.readTree(document.getBytes(StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) {
                return "invalid-json";
            }
        } catch (JacksonException e) {
            return "invalid-json";
        }
        try {
            return describe(TreeReadingParser.parse(node));
        } catch (Rejection r) {
            return r.reason() + ": " + r.detail();
        }
    }

    /** A reading in a form that compares by content (its maps sorted). */
    static String describe(Reading r) {
        return r.measurement() + " " + r.id() + " " + r.time() + " " + r.interval() + " " + new java.util.TreeMap<>(r.values())
                + " " + new java.util.TreeMap<>(r.flags());
    }

    String answer(String document) {
        try {
            return describe(streaming.parse(document.getBytes(StandardCharsets.UTF_8)));
        } catch (Rejection r) {
            return r.reason().equals("invalid-json") ? "invalid-json" : r.reason() + ": " + r.detail();
        }
    }

    static final List<String> CORPUS = List.of(
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"interval\":\"PT1H\","
                    + "\"values\":{\"pm25\":82,\"pm10\":130,\"co\":1.3,\"o3\":-0.0},\"flags\":{\"pm25\":\"N\",\"o3\":\"M\"}}",
            "{\"source\":\"YQ-JQ-B03\",\"time\":\"2025-01-15T08:00:00Z\",\"values\":{\"nox\":41,\"o2\":1e1},\"flags\":{}}",
            "{\"source\":\"YQ-JQ-B03\",\"time\":\"2025-01-15T08:00:00.250+08:00\",\"interval\":null,\"values\":{\"nox\":12345678901234567890},\"flags\":null}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1},\"extra\":{\"a\":[1,{\"b\":2}]},\"pad\":\"x\"}",
            "{\"station\":\"YQ-CQ-01\",\"station\":\"YQ-CQ-02\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"source\":\"YQ-JQ-B03\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":42,\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":null,\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":20250115,\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-02-30T08:00:00+08:00\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"interval\":60,\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"interval\":\"an hour\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"interval\":\"PT9999999999999999999H\",\"values\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":[1,2]}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\"}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":\"82\",\"pm10\":true}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1,\"pm10\":{\"x\":1},\"so2\":null}}",
            // each kind of JSON value as the first that is not a number, named in the refusal
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":false}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":null}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":[1]}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":{}}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1,\"pm25\":2}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1},\"flags\":\"N\"}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1},\"flags\":{\"pm25\":1}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1},\"flags\":[\"N\"]}",
            "[{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1}}]",
            "\"a string\"", "42", "null", "", "   ", "{", "{\"station\":", "[1,2,", "{\"a\":1} {\"b\":2}", "{\"a\":1} x",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":NaN}}",
            "{\"station\":\"YQ-CQ-01\",\"time\":\"2025-01-15T08:00:00+08:00\",\"values\":{\"pm25\":1e999}}",
            "{\"station\":\"\\u0000\\uD800\",\"time\":\"\\u0032025-01-15T08:00:00+08:00\",\"values\":{\"\\u00e9\":1}}");

    @Test
    void theCorpusGivesWhatTheTreeParserGave() {
        for (String document : CORPUS) {
            assertThat(answer(document)).as(document).isEqualTo(oracle(document));
        }
    }

    @Test
    void randomMutationsGiveWhatTheTreeParserGave() {
        // each mutation deletes, duplicates or replaces a few characters of a corpus document with JSON's own
        SplittableRandom random = new SplittableRandom(17);
        String alphabet = "{}[]\":,0123456789.-+eE tnrufalsYQ-PTHMZ\\";
        List<String> mismatches = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder(CORPUS.get(random.nextInt(CORPUS.size())));
            for (int m = 1 + random.nextInt(3); m > 0 && b.length() > 0; m--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, b.charAt(at));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String document = b.toString();
            String expected = oracle(document);
            if (!expected.startsWith("invalid-json")) {
                valid++;
            }
            if (!answer(document).equals(expected)) {
                mismatches.add(document + "\n    tree:      " + expected + "\n    streaming: " + answer(document));
            }
        }
        assertThat(mismatches).as(String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size())))).isEmpty();
        assertThat(valid).as("mutations that are still JSON (the rules were exercised, not only the syntax)").isGreaterThan(3_000);
    }
}
