package cn.yq.aq.alert.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.registry.County;
import cn.yq.aq.registry.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transports: one attempt to hand a notice to a channel, its answer classified (delivered,
 * failed and worth retrying, rate limited, or rejected for good). Formatting is {@link Formats}';
 * retrying is the {@link Deliverer}'s.
 * <ul>
 * <li>webhook: the contract (signed body, {@code X-AQ-Event-Id}); 2xx delivered, 408/429/5xx retried,
 * other 4xx rejected;</li>
 * <li>wecom: {@code POST url} {@code {"msgtype":"markdown","markdown":{"content":…}}}; HTTP 200 with
 * {@code errcode} 0 delivered, 45009 (frequency limit) and -1 (busy) retried, any other errcode rejected;</li>
 * <li>dingtalk: {@code POST url&timestamp=…&sign=…} (加签: base64 HMAC-SHA256 of {@code timestamp\nsecret},
 * URL-encoded), markdown with {@code at.atMobiles} on red warnings; errcode 0 delivered, 130101 (too
 * fast) and -1 retried, others (310000 signature, 300001 token …) rejected;</li>
 * <li>sms: the HTTP SMS gateway ({@code aq.sms.*});</li>
 * <li>email: SMTP through Spring's mail support ({@code spring.mail.*}, sender {@code aq.email.from}).</li>
 * </ul>
 * An SMS or e-mail channel while no SMS gateway or SMTP server is configured is skipped (logged),
 * not failed.
 */
@Component
public class ChannelTransports {

    /** The outcome of an attempt that did not fail. */
    public enum Sent { DELIVERED, SKIPPED }

    private final AlertProperties properties;
    private final Registry registry;
    private final ObjectProvider<JavaMailSender> mail;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService mailer = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "alert-mail");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json = JsonMapper.builder().build();

    public ChannelTransports(AlertProperties properties, Registry registry, ObjectProvider<JavaMailSender> mail, Clock clock) {
        this.properties = properties;
        this.registry = registry;
        this.mail = mail;
        this.clock = clock;
    }

    /** Who a scope's messages are for, in Chinese. */
    String forWhom(String scope) {
        if (Alert.CITY.equals(scope)) {
            return registry.nameZh() + "生态环境局";
        }
        return registry.county(scope).map(County::nameZh).orElse(scope);
    }

    public CompletionStage<Sent> send(String scope, Channel c, Notice n) {
        try {
            return switch (c.kind()) {
                case "webhook" -> webhook(c, n);
                case "wecom" -> wecom(scope, c, n);
                case "dingtalk" -> dingtalk(scope, c, n);
                case "sms" -> sms(c, n);
                case "email" -> email(scope, c, n);
                default -> CompletableFuture.failedFuture(DeliveryFailure.rejected("unknown channel kind " + c.kind()));
            };
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(DeliveryFailure.rejected("not sendable: " + e.getMessage()));
        }
    }

    private CompletionStage<Sent> webhook(Channel c, Notice n) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(properties.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("X-AQ-Event-Id", n.id())
                .header("X-AQ-Event-Type", n.alert().type().name()).header("X-AQ-Signature", Signatures.sign(c.secret(), n.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> status(e, r == null ? -1 : r.statusCode()));
    }

    private CompletionStage<Sent> wecom(String scope, Channel c, Notice n) {
        Map<String, Object> body = Map.of("msgtype", "markdown", "markdown",
                Map.of("content", Formats.wecomMarkdown(n.alert(), forWhom(scope))));
        return robot(URI.create(c.url()), body, 45009);
    }

    private CompletionStage<Sent> dingtalk(String scope, Channel c, Notice n) {
        long timestamp = clock.millis();
        String sign = URLEncoder.encode(dingtalkSign(timestamp, c.secret()), StandardCharsets.UTF_8);
        List<String> at = Formats.atRed(n.alert()) ? c.atMobiles() : List.of();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("title", n.alert().title(), "text", Formats.dingtalkMarkdown(n.alert(), forWhom(scope), at)));
        body.put("at", Map.of("atMobiles", at, "isAtAll", false));
        return robot(URI.create(c.url() + "&timestamp=" + timestamp + "&sign=" + sign), body, 130101);
    }

    /** DingTalk's 加签: base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)). */
    static String dingtalkSign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A robot: HTTP 200 with {@code errcode}; {@code rateLimit} is the robot's frequency-limit errcode. */
    private CompletionStage<Sent> robot(URI uri, Map<String, Object> body, int rateLimit) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build();
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
                return Sent.DELIVERED;
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

    private CompletionStage<Sent> sms(Channel c, Notice n) {
        AlertProperties.Sms sms = properties.sms();
        if (sms.url() == null || sms.url().isBlank()) {
            return CompletableFuture.completedFuture(Sent.SKIPPED);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phones", c.phones());
        body.put("sign", sms.sign());
        body.put("text", Formats.sms(n.alert(), sms.sign()));
        body.put("eventId", n.id());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sms.url())).timeout(properties.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("X-AQ-Event-Id", n.id())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        if (sms.apiKey() != null && !sms.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + sms.apiKey());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> status(e, r == null ? -1 : r.statusCode()));
    }

    private CompletionStage<Sent> email(String scope, Channel c, Notice n) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return CompletableFuture.completedFuture(Sent.SKIPPED);
        }
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(properties.email().from());
        m.setTo(c.to().toArray(String[]::new));
        m.setSubject(Formats.emailSubject(n.alert()));
        m.setText(Formats.emailBody(n.alert(), forWhom(scope), properties.sms().sign()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                sender.send(m);
                return Sent.DELIVERED;
            } catch (org.springframework.mail.MailAuthenticationException | org.springframework.mail.MailParseException e) {
                throw DeliveryFailure.rejected("SMTP: " + e.getClass().getSimpleName());
            } catch (MailException e) {
                throw DeliveryFailure.transientFailure("SMTP: " + e.getClass().getSimpleName());
            }
        }, mailer);
    }

    /** An HTTP status (or a transport error, -1) as an outcome. */
    private static Sent status(Throwable e, int status) {
        if (e == null && status / 100 == 2) {
            return Sent.DELIVERED;
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

    void close() {
        mailer.shutdownNow();
    }
}
