package cn.yq.aq.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API's JSON answers read as trees and asserted field by field. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode parse(String body) {
        return MAPPER.readTree(body);
    }

    /**
     * Asserts fields of a JSON object, named by JSON pointer ({@code "/aqi"}, {@code "/iaqi/pm25_24h"}): numbers by
     * value (107 equals 107.0), {@code null} as JSON null, anything else (strings, booleans, lists) as its JSON.
     */
    public static void assertFields(JsonNode node, Object... pointersAndValues) {
        for (int i = 0; i < pointersAndValues.length; i += 2) {
            String pointer = (String) pointersAndValues[i];
            Object expected = pointersAndValues[i + 1];
            JsonNode actual = node.at(pointer);
            String where = pointer + " in " + node;
            if (expected == null) {
                assertThat(actual.isNull()).as(where + " is null").isTrue();
            } else if (expected instanceof Number n) {
                assertThat(actual.isNumber()).as(where + " is a number").isTrue();
                assertThat(actual.decimalValue()).as(where).isEqualByComparingTo(new BigDecimal(n.toString()));
            } else {
                assertThat(actual).as(where).isEqualTo(MAPPER.valueToTree(expected));
            }
        }
    }

    /** The one element of an array whose fields have the values (fails when there is none or more than one). */
    public static JsonNode element(JsonNode array, String... fieldsAndValues) {
        List<JsonNode> matches = array.valueStream().filter(e -> {
            for (int i = 0; i < fieldsAndValues.length; i += 2) {
                if (!fieldsAndValues[i + 1].equals(e.path(fieldsAndValues[i]).asString())) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(matches).as(String.join(" ", fieldsAndValues) + " in " + array).hasSize(1);
        return matches.get(0);
    }

    /** The only element of an array. */
    public static JsonNode only(JsonNode array) {
        assertThat(array.isArray() && array.size() == 1).as("one element in " + array).isTrue();
        return array.get(0);
    }

    /**
     * A field of every element of an array, as text: {@code field} a name, a JSON pointer ({@code "/0"} for the first
     * column of InfluxDB rows), or null for the elements themselves.
     */
    public static List<String> values(JsonNode array, String field) {
        assertThat(array.isArray()).as("an array: " + array).isTrue();
        return array.valueStream().map(e -> (field == null ? e : field.startsWith("/") ? e.at(field) : e.path(field)).asString())
                .toList();
    }

    /** The property names of an object. */
    public static List<String> names(JsonNode object) {
        return List.copyOf(object.propertyNames());
    }

    /** The rows ({@code values}) of every series of an InfluxDB 1.x query answer, each an array starting with the time. */
    public static JsonNode influxRows(String answer) {
        JsonNode result = parse(answer).path("results").path(0);
        assertThat(result.has("error")).as(answer).isFalse();
        var rows = MAPPER.createArrayNode();
        result.path("series").forEach(series -> series.path("values").forEach(rows::add));
        return rows;
    }
}
