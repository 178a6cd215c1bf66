package cn.yq.aq.testsupport;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * HTTP clients for tests: HTTP/1.1 (the JDK client's h2c upgrade hung against Reactor Netty) and a
 * new client, so a new connection, per request (a pooled connection was seen to hang a request on CI).
 */
public final class TestHttp {

    private TestHttp() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
