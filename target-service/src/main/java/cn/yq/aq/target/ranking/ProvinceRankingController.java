package cn.yq.aq.target.ranking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.web.Problems;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PUT /api/v1/rankings/province/{period}} (CSV {@code unit,compositeIndex} or JSON
 * {@code [{"unit":…, "compositeIndex":…}]}) and {@code GET} of the same path.
 */
@RestController
class ProvinceRankingController {

    private final ProvinceRankingService service;
    private final JsonMapper json = JsonMapper.builder().build();

    ProvinceRankingController(ProvinceRankingService service) {
        this.service = service;
    }

    @PutMapping("/api/v1/rankings/province/{period}")
    Mono<Map<String, Object>> put(@PathVariable String period, @RequestBody byte[] body,
                                  @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                 ServerWebExchange exchange) {
        Principal.requireBureau(exchange, false, "only the bureau imports the province's ranking");
        ProvinceRankingService.period(period);
        Map<String, BigDecimal> table = contentType != null && contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)
                ? fromJson(body) : fromCsv(new String(body, StandardCharsets.UTF_8));
        return Mono.fromCallable(() -> {
            List<ProvinceRankingService.Row> rows = service.importTable(period, table);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("period", period);
            answer.put("units", rows.size());
            return answer;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/v1/rankings/province/{period}")
    Mono<ProvinceRankingService.View> get(@PathVariable String period) {
        ProvinceRankingService.period(period);
        return Mono.fromCallable(() -> service.view(period).orElse(null)).subscribeOn(Schedulers.boundedElastic())
                .switchIfEmpty(Mono.error(() -> Problems.notFound("no-ranking", "未导入该期全省排名",
                        "no province ranking imported for " + period)));
    }

    private Map<String, BigDecimal> fromJson(byte[] body) {
        Map<String, BigDecimal> table = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw Problems.badParameter("the body is not valid JSON");
        }
        if (!root.isArray()) {
            throw Problems.badParameter("the body must be an array of {\"unit\", \"compositeIndex\"}");
        }
        int i = 0;
        for (JsonNode row : root) {
            i++;
            if (!row.path("unit").isString() || !row.path("compositeIndex").isNumber()) {
                throw Problems.badParameter("item " + i + " needs a string 'unit' and a number 'compositeIndex'");
            }
            add(table, row.get("unit").stringValue(), row.get("compositeIndex").decimalValue(), i);
        }
        return table;
    }

    private static Map<String, BigDecimal> fromCsv(String text) {
        Map<String, BigDecimal> table = new LinkedHashMap<>();
        String[] lines = text.replace("\uFEFF", "").split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("unit"))) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 2) {
                throw Problems.badParameter("line " + (i + 1) + ": expected 'unit,compositeIndex'");
            }
            try {
                add(table, cells[0].trim(), new BigDecimal(cells[1].trim()), i + 1);
            } catch (NumberFormatException e) {
                throw Problems.badParameter("line " + (i + 1) + ": '" + cells[1].trim() + "' is not a number");
            }
        }
        return table;
    }

    private static void add(Map<String, BigDecimal> table, String unit, BigDecimal index, int line) {
        if (unit.isBlank() || unit.length() > 64 || unit.chars().anyMatch(Character::isISOControl)) {
            throw Problems.badParameter("line " + line + ": a unit name of 1–64 printable characters is needed");
        }
        if (index.signum() <= 0 || index.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw Problems.badParameter("line " + line + ": composite index " + index + " is out of range");
        }
        if (table.put(unit, index) != null) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "duplicate-unit", "排名表中单位重复", "unit " + unit + " appears twice");
        }
    }
}
