package vn.chibo.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The public HTTP API as the simulator uses it: JSON, a bearer token, an Idempotency-Key on every write, timed.
 * <p>
 * Requests go through Apache's blocking client, each client thread on a kept-alive connection of its own from one
 * pool. The JDK's {@code java.net.http.HttpClient} (asynchronous inside, even for a blocking send) cost this process
 * 220-240 µs of CPU a request against 90-140 µs for Apache's (32 threads, the same requests to a stub server): in a
 * bench the simulator took a quarter to a third of one of the two cores the services are measured on (issue 7).
 * The requests are the JDK's but for the {@code User-Agent} and a {@code Connection: keep-alive}: no compression asked
 * for (a page is timed as the bytes it is), no cookies, no redirects, no retries (a refused or lost write counts as
 * such).
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    /** As the JDK's client sent it: JSON is UTF-8 without saying so (RFC 8259). */
    private static final ContentType JSON_TYPE = ContentType.create("application/json");

    /** Enough connections for every client thread at the highest concurrency, and the samplers beside them. */
    private static final int CONNECTIONS = 512;

    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(10)).setSocketTimeout(Timeout.ofSeconds(60))
                            // one idle for a while is checked before use (~1 ms, timed): the services close idle
                            // ones after 20-60 s, and a write sent on a closed one would be lost, not retried
                            .setValidateAfterInactivity(TimeValue.ofSeconds(10)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
            .disableContentCompression().disableCookieManagement().disableRedirectHandling()
            .disableAutomaticRetries().build();

    /**
     * One answer and how long it took: until its last byte arrived, as curl times it ({@code nanos}), and until its
     * status line and headers had arrived ({@code headNanos}, as curl's time to the first byte: a service sends the
     * head with the first bytes of the body). The body is kept as bytes and read as text or JSON only when asked: a
     * province's page is 4.9 MB, and decoding it into a {@code String} took this client 8-24 ms more per read
     * (issue 7), a cost of the client, not of the page. {@code length} is how many bytes of body arrived; an answer
     * {@linkplain #timed(String) only timed} keeps none ({@code bytes} null).
     */
    record Answer(int status, byte[] bytes, long length, long nanos, long headNanos) {
        String body() {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return bytes == null || bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String base;
    private final Supplier<String> bearer;

    Http(String base) {
        this(base, () -> null);
    }

    private Http(String base, Supplier<String> bearer) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.bearer = bearer;
    }

    /** The same API as {@code login}'s account: its token on every request. */
    Http as(Login login) {
        return new Http(base, login::bearer);
    }

    /**
     * One account's bearer token, as a client keeps it: a token lives 30 minutes, so it logs in again a minute
     * before the token expires (a province's twelve months take longer than that).
     */
    static final class Login {
        private record Token(String bearer, long renewAt) {
        }

        private final Http auth;
        private final Map<String, String> credentials;
        private volatile Token token;

        Login(String commandUrl, String username, String password) {
            this.auth = new Http(commandUrl);
            this.credentials = Map.of("username", username, "password", password);
        }

        /** The current token, read without a lock; when it is due, one thread logs in and the others due wait for it. */
        String bearer() {
            Token current = token;
            if (current == null || System.nanoTime() - current.renewAt() >= 0) {
                current = renew(current);
            }
            return current.bearer();
        }

        private synchronized Token renew(Token seen) {
            if (token != seen) {
                return token;
            }
            long now = System.nanoTime();
            Answer answer = auth.post("/api/auth/token", credentials);
            if (!answer.ok()) {
                throw new IllegalStateException("Could not log in as " + credentials.get("username") + ": "
                        + answer.status() + " " + answer.body());
            }
            long lifetime = answer.json().path("expires_in").asLong(1800);
            token = new Token(answer.json().get("access_token").asText(),
                    now + Duration.ofSeconds(lifetime - Math.min(60, lifetime / 2)).toNanos());
            return token;
        }
    }

    Answer get(String path) {
        return send(new HttpGet(base + path), true);
    }

    /**
     * As {@link #get(String)}, the body received to its last byte and counted but not kept, as {@code curl -o
     * /dev/null} times a page. Keeping a province's 4.9 MB page cost this client ~10 MB of new arrays a read (the
     * body and its copy); at the end of a year's run, its heap grown and not collected during the reads, each of them
     * landed on memory the process had never touched: ~2,200 page faults and 30 ms of kernel time a read, which the
     * bench reported as the page's time (66 ms p50 where curl read 13, issue 7). The body goes through one 64 KB
     * buffer instead.
     */
    Answer timed(String path) {
        return send(new HttpGet(base + path), false);
    }

    Answer post(String path, Object body) {
        return write("POST", path, body);
    }

    Answer put(String path, Object body) {
        return write("PUT", path, body);
    }

    /** Sends a body as it is (for malformed requests sent on purpose). */
    Answer raw(String method, String path, String body) {
        return upload(method, path, body.getBytes(StandardCharsets.UTF_8), JSON_TYPE);
    }

    /** Uploads a file (a member register as CSV, say). */
    Answer upload(String path, byte[] file, String contentType) {
        return upload("POST", path, file, ContentType.parse(contentType));
    }

    private Answer upload(String method, String path, byte[] body, ContentType contentType) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(base + path));
        request.setHeader("Idempotency-Key", UUID.randomUUID().toString());
        request.setEntity(new ByteArrayEntity(body, contentType));
        return send(request, true);
    }

    private Answer write(String method, String path, Object body) {
        try {
            return raw(method, path, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpUriRequestBase request, boolean keepBody) {
        request.setHeader("Accept", "application/json");
        String token = bearer.get();
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            return CLIENT.execute(request, response -> {
                long head = System.nanoTime() - start;
                HttpEntity entity = response.getEntity();
                if (keepBody) {
                    byte[] bytes = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
                    return new Answer(response.getCode(), bytes, bytes.length, System.nanoTime() - start, head);
                }
                long length = entity == null ? 0 : drain(entity);
                return new Answer(response.getCode(), null, length, System.nanoTime() - start, head);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body to its end (a short one, its connection closed early, throws) and answers its length. */
    private static long drain(HttpEntity entity) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        try (InputStream in = entity.getContent()) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                length += read;
            }
        }
        return length;
    }
}
