package cn.yq.aq.target.ranking;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import cn.yq.aq.support.web.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * The province's county-level table as the bureau uploads it, read by Jackson: CSV
 * {@code unit,compositeIndex} (Jackson's CSV data format: quoted fields, a UTF-8 BOM, blank lines,
 * an optional header in English or Chinese) or JSON {@code [{"unit":…, "compositeIndex":…}]}. Either way each unit once,
 * a name of 1–64 printable characters, an index in (0, 100]; a bad table is a 400 that says where.
 */
final class ProvinceTables {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.TRIM_SPACES).enable(CsvReadFeature.SKIP_EMPTY_LINES).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProvinceTables() {
    }

    static Map<String, BigDecimal> fromCsv(byte[] body) {
        Map<String, BigDecimal> table = new LinkedHashMap<>();
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(body)) {
            int row = 0;
            while (rows.hasNextValue()) {
                String[] cells = rows.nextValue();
                row++;
                if (row == 1 && cells.length > 0) {
                    cells[0] = cells[0].replace("\uFEFF", "").trim(); // a BOM the reader left
                }
                if (Arrays.stream(cells).allMatch(String::isBlank)) {
                    continue; // a line of spaces
                }
                if (row == 1 && cells.length == 2 && !numeric(cells[1])) {
                    continue; // the header: unit,compositeIndex or 单位,综合指数
                }
                if (cells.length != 2) {
                    throw Problems.badParameter("row " + row + ": expected 'unit,compositeIndex', found " + cells.length
                            + " fields (quote a name that holds a comma)");
                }
                BigDecimal index;
                try {
                    index = new BigDecimal(cells[1]);
                } catch (NumberFormatException e) {
                    throw Problems.badParameter("row " + row + ": '" + printable(cells[1]) + "' is not a number");
                }
                add(table, cells[0], index, "row " + row);
            }
        } catch (JacksonException e) {
            throw Problems.badParameter("the body is not valid CSV: " + e.getOriginalMessage());
        }
        return table;
    }

    static Map<String, BigDecimal> fromJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw Problems.badParameter("the body is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw Problems.badParameter("the body must be an array of {\"unit\", \"compositeIndex\"}");
        }
        Map<String, BigDecimal> table = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode row : root) {
            i++;
            if (!row.path("unit").isString() || !row.path("compositeIndex").isNumber()) {
                throw Problems.badParameter("item " + i + " needs a string 'unit' and a number 'compositeIndex'");
            }
            add(table, row.get("unit").stringValue(), row.get("compositeIndex").decimalValue(), "item " + i);
        }
        return table;
    }

    private static void add(Map<String, BigDecimal> table, String unit, BigDecimal index, String where) {
        if (unit.isBlank() || unit.length() > 64 || unit.chars().anyMatch(Character::isISOControl)) {
            throw Problems.badParameter(where + ": a unit name of 1–64 printable characters is needed");
        }
        if (index.signum() <= 0 || index.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw Problems.badParameter(where + ": composite index " + index + " is out of range");
        }
        if (table.put(unit, index) != null) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "duplicate-unit", "排名表中单位重复", "unit " + unit + " appears twice");
        }
    }

    private static boolean numeric(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
