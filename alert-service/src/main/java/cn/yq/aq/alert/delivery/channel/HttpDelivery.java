package cn.yq.aq.alert.delivery.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.system.AlertProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP for the channels: one client, the delivery timeout, and the two ways an HTTP party answers.
 * A plain receiver (webhook, SMS gateway): 2xx delivered, 408/429/5xx or no answer retried, any other
 * 4xx rejected. A group robot (WeCom, DingTalk): HTTP 200 with {@code errcode}: 0 delivered, its
 * frequency limit and -1 (busy) retried, any other errcode rejected.
 */
@Component
public class HttpDelivery {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;
    private final Duration timeout;

    public HttpDelivery(AlertProperties properties, JsonMapper json) {
        this.json = json;
        this.timeout = properties.delivery().timeout();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json; charset=utf-8");
    }

    String json(Object body) {
        return json.writeValueAsString(body);
    }

    /** A plain receiver's answer. */
    CompletionStage<ChannelTransport.Sent> receiver(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> status(e, r == null ? -1 : r.statusCode()));
    }

    /** A robot's answer; {@code rateLimit} is its frequency-limit errcode. */
    CompletionStage<ChannelTransport.Sent> robot(URI uri, Map<String, Object> body, int rateLimit) {
        HttpRequest request = request(uri).POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((r, e) -> {
            if (e != null || r.statusCode() != 200) {
                return status(e, r == null ? -1 : r.statusCode());
            }
            int errcode;
            String errmsg;
            try {
                JsonNode answer = json.readTree(r.body());
                errcode = answer.path("errcode").asInt(Integer.MIN_VALUE);
                errmsg = answer.path("errmsg").asString("");
            } catch (RuntimeException notJson) {
                throw DeliveryFailure.transientFailure("robot answered 200 without JSON");
            }
            if (errcode == 0) {
                return ChannelTransport.Sent.DELIVERED;
            }
            String what = "errcode " + errcode + " " + errmsg.replaceAll("[\\p{Cntrl}]", " ").substring(0, Math.min(120, errmsg.length()));
            if (errcode == rateLimit) {
                throw DeliveryFailure.rateLimited(what);
            }
            if (errcode == -1 || errcode == Integer.MIN_VALUE) {
                throw DeliveryFailure.transientFailure(what);
            }
            throw DeliveryFailure.rejected(what);
        });
    }

    /** An HTTP status (or a transport error, -1) as an outcome. */
    static ChannelTransport.Sent status(Throwable e, int status) {
        if (e == null && status / 100 == 2) {
            return ChannelTransport.Sent.DELIVERED;
        }
        String what = e != null ? (e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e)
                .getClass().getSimpleName() : "HTTP " + status;
        if (status == 429) {
            throw DeliveryFailure.rateLimited(what);
        }
        if (e != null || status == 408 || status >= 500 || status < 0) {
            throw DeliveryFailure.transientFailure(what);
        }
        throw DeliveryFailure.rejected(what);
    }
}
