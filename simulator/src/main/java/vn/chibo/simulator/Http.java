package vn.chibo.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The public HTTP API as the simulator uses it: JSON, a bearer token, an Idempotency-Key on every write, timed. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer and how long it took: until its last byte arrived, as curl times it. The body is kept as bytes and
     * read as text or JSON only when asked: a province's page is 4.9 MB, and decoding it into a {@code String} took
     * this client 8-24 ms more per read (issue 7), a cost of the client, not of the page.
     */
    record Answer(int status, byte[] bytes, long nanos) {
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

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
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
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, Object body) {
        return write("POST", path, body);
    }

    Answer put(String path, Object body) {
        return write("PUT", path, body);
    }

    /** Sends a body as it is (for malformed requests sent on purpose). */
    Answer raw(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Uploads a file (a member register as CSV, say). */
    Answer upload(String path, byte[] file, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    private Answer write(String method, String path, Object body) {
        try {
            return raw(method, path, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(60));
        String token = bearer.get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
