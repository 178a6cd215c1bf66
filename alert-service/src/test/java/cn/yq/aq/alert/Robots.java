package cn.yq.aq.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.yq.aq.testsupport.Json;

/**
 * The group robots county officials read, as outside parties (WireMock), with their real contracts:
 * <ul>
 * <li>企业微信 (WeCom) group robot: {@code POST /cgi-bin/webhook/send?key=…} with
 * {@code {"msgtype":"markdown","markdown":{"content":…}}}; HTTP 200 always, {@code errcode} 0 when the
 * key is a robot's, 93000 (invalid webhook url) otherwise, 45009 (api freq out of limit) while a
 * robot is rate limited;</li>
 * <li>钉钉 (DingTalk) custom robot with 加签: {@code POST /robot/send?access_token=…&timestamp=…&sign=…};
 * {@code sign} must be the URL-encoded base64 HMAC-SHA256 of {@code timestamp\nsecret} with the
 * robot's secret and the timestamp within an hour, else {@code errcode} 310000 (sign not match).</li>
 * </ul>
 */
final class Robots implements AutoCloseable {

    static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    Robots() {
        server.start();
        // anything not matched by a robot's stub: WeCom's answer for an unknown key
        server.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"errcode\":93000,\"errmsg\":\"invalid webhook url, hint: [x]\"}")));
        server.stubFor(post(urlPathEqualTo("/robot/send")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"errcode\":300001,\"errmsg\":\"token is not exist\"}")));
    }

    String wecomUrl(String key) {
        return "http://127.0.0.1:" + server.port() + "/cgi-bin/webhook/send?key=" + key;
    }

    String dingtalkUrl(String token) {
        return "http://127.0.0.1:" + server.port() + "/robot/send?access_token=" + token;
    }

    /** A WeCom robot with this key answers errcode 0 to markdown messages (45009 while {@code limited}). */
    void wecom(String key, boolean limited) {
        server.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).atPriority(1)
                .withQueryParam("key", equalTo(key)).withRequestBody(matchingJsonPath("$.msgtype", equalTo("markdown")))
                .withRequestBody(matchingJsonPath("$.markdown.content"))
                .willReturn(aResponse().withStatus(200).withBody(limited
                        ? "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}" : OK)));
    }

    /** A DingTalk robot with this token and 加签 secret. */
    void dingtalk(String token, String secret) {
        server.stubFor(post(urlPathEqualTo("/robot/send")).atPriority(2).withQueryParam("access_token", equalTo(token))
                .willReturn(aResponse().withStatus(200).withBody("{\"errcode\":310000,\"errmsg\":\"sign not match, more: "
                        + "[https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]\"}")));
        server.stubFor(post(urlPathEqualTo("/robot/send")).atPriority(1).withQueryParam("access_token", equalTo(token))
                .withRequestBody(matchingJsonPath("$.msgtype", equalTo("markdown")))
                .withRequestBody(matchingJsonPath("$.markdown.title")).withRequestBody(matchingJsonPath("$.markdown.text"))
                .andMatching(request -> MatchResult.of(signed(request, secret)))
                .willReturn(aResponse().withStatus(200).withBody(OK)));
    }

    /** DingTalk's check, written from its documentation: HmacSHA256(secret, timestamp + "\n" + secret), base64. */
    static boolean signed(Request request, String secret) {
        String timestamp = request.queryParameter("timestamp").isPresent() ? request.queryParameter("timestamp").firstValue() : null;
        String sign = request.queryParameter("sign").isPresent() ? request.queryParameter("sign").firstValue() : null;
        if (timestamp == null || sign == null || Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) > 3_600_000) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            // WireMock hands query values decoded or not depending on the version: accept the decoded form
            return expected.equals(sign) || expected.equals(URLDecoder.decode(sign, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message a robot took (errcode 0): its JSON body. */
    record Message(String url, Map<String, Object> body, String answer) {

        @SuppressWarnings("unchecked")
        String markdown() {
            Map<String, Object> md = (Map<String, Object>) body.get("markdown");
            return (String) (md.containsKey("content") ? md.get("content") : md.get("text"));
        }

        boolean accepted() {
            return answer.contains("\"errcode\":0,");
        }
    }

    /** Every request to a robot path with this key or token, oldest first. */
    @SuppressWarnings("unchecked")
    List<Message> received(String keyOrToken) {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events);
        List<Message> out = new ArrayList<>();
        for (ServeEvent e : events) {
            String url = e.getRequest().getUrl();
            if (url.contains("key=" + keyOrToken + "&") || url.endsWith("key=" + keyOrToken)
                    || url.contains("access_token=" + keyOrToken + "&")) {
                out.add(new Message(url, Json.MAPPER.readValue(e.getRequest().getBodyAsString(), Map.class),
                        e.getResponse().getBodyAsString()));
            }
        }
        return out;
    }

    /** The messages a robot accepted (errcode 0), oldest first. */
    List<Message> accepted(String keyOrToken) {
        return received(keyOrToken).stream().filter(Message::accepted).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
