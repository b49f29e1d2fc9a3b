package vn.chibo.command.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A plain HTTP client for the tests: the whole path, real JSON on the wire, status and headers visible. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final Map<String, String> headers;

    private Api(String base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    public static Api at(int port) {
        return new Api("http://localhost:" + port, null, Map.of());
    }

    /** The same API, logged in as this user. */
    public Api as(String username, String password) {
        Reply reply = post("/api/auth/token", Map.of("username", username, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("Login of " + username + " failed: " + reply);
        }
        return withToken(reply.json().get("access_token").asText());
    }

    /** Where this API is, e.g. http://localhost:8081. */
    public String baseUrl() {
        return base;
    }

    /** The bearer token this API sends, to use it with the other service. */
    public String tokenForTests() {
        return token;
    }

    public Api withToken(String newToken) {
        return new Api(base, newToken, headers);
    }

    /** The same API, sending this header on every request. */
    public Api header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, token, more);
    }

    public Reply get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Reply get(String path, String accept) {
        return send("GET", path, null, accept);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    /** Uploads a file as the body, with its content type. */
    public Reply upload(String path, byte[] content, String contentType) {
        try {
            HttpRequest.Builder request = authorised(path)
                    .header("Content-Type", contentType).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content));
            return reply(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Downloads a document (a PDF, a spreadsheet) as bytes; fails unless the answer is 200. */
    public byte[] download(String path) {
        try {
            HttpRequest.Builder request = authorised(path).GET();
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a raw body as it is, for malformed input. */
    public Reply postRaw(String path, String rawBody) {
        return send("POST", path, new Raw(rawBody), "application/json");
    }

    private record Raw(String text) {
    }

    private Reply send(String method, String path, Object body, String accept) {
        try {
            HttpRequest.Builder request = authorised(path).header("Accept", accept);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof Raw raw ? raw.text() : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            }
            return reply(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to {@code path} with this API's headers and token. */
    private HttpRequest.Builder authorised(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().map());
    }

    /** One answer. */
    public record Reply(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** The problem type's code, from {@code /problems/<code>}. */
        public String problem() {
            return json().path("type").asText().replace("/problems/", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
