package vn.chibo.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.CommandServiceTestBase;

/**
 * A write's body has a limit (4 MB, a register's file 8 MB): past it the answer is 413 problem+json, whether the
 * length is declared or the body comes in chunks, and nothing is written. Sent over a plain socket, so the test
 * chooses how the body is framed and need not send a body it declares.
 */
class BodyLimitHttpTest extends CommandServiceTestBase {
    private static final long MAX_BODY = 4L * 1024 * 1024;
    private static final long MAX_IMPORT = 8L * 1024 * 1024;

    private String token;
    private UUID cell;
    private UUID member;
    private long before;

    /** What came back: status, headers in lower case, body, and how many "100 Continue" came first. */
    private record Answer(int status, String head, JsonNode json, int interim) {
    }

    @BeforeEach
    void setUp() {
        Api province = province();
        token = province.tokenForTests();
        UUID committee = UUID.randomUUID();
        cell = UUID.randomUUID();
        member = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        province.post("/api/org-units", cell(cell, "Chi bộ ấp Bình Minh", committee));
        assertThat(province.post("/api/cells/" + cell + "/members", vn.chibo.command.testing.Builders.member(member, "Trần Văn An", null))
                .status()).isEqualTo(201);
        before = eventCount();
    }

    @Test
    void a_body_declared_larger_than_the_limit_is_413_before_any_of_it_is_sent() throws IOException {
        Answer answer = send("/api/cells/" + cell + "/tasks", "application/json", "Content-Length: " + (MAX_BODY + 1), new byte[0]);
        assertTooLarge(answer, "body", "4 MB");
    }

    @Test
    void a_form_encoded_put_over_the_limit_is_413_too_and_not_read_before_authentication() throws IOException {
        Answer answer = send("PUT", "/api/cells/" + cell + "/settings", "application/x-www-form-urlencoded",
                "Content-Length: " + (MAX_BODY + 1), new byte[0], true);
        assertTooLarge(answer, "body", "4 MB");
    }

    @Test
    void a_client_that_asks_before_sending_is_refused_without_being_told_to_send() throws IOException {
        Answer answer = send("/api/members/import", "text/csv", "Expect: 100-continue\r\nContent-Length: " + (MAX_IMPORT + 1),
                new byte[0]);
        assertThat(answer.interim()).as("no 100 Continue: nothing of the 8 MB is sent for nothing").isZero();
        assertTooLarge(answer, "file", "8 MB");
    }

    @Test
    void a_client_that_asks_before_sending_a_body_within_the_limit_is_told_to_go_on() throws IOException {
        byte[] json = ("{\"memberId\":\"" + member + "\",\"title\":\"Thăm hộ nghèo\",\"dueOn\":\"2099-01-31\"}")
                .getBytes(StandardCharsets.UTF_8);
        Answer answer = send("/api/cells/" + cell + "/tasks", "application/json",
                "Expect: 100-continue\r\nContent-Length: " + json.length, json);
        assertThat(answer.interim()).isEqualTo(1);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void a_register_file_has_a_larger_limit_and_is_named_as_the_file() throws IOException {
        Answer within = send("/api/members/import?dryRun=true", "text/csv", "Content-Length: " + (MAX_BODY + 1), new byte[0], false);
        assertThat(within).as("4 MB and a byte is within a file's limit: the service waits for the body").isNull();
        Answer answer = send("/api/members/import", "text/csv", "Content-Length: " + (MAX_IMPORT + 1), new byte[0]);
        assertTooLarge(answer, "file", "8 MB");
    }

    @Test
    void a_chunked_body_past_the_limit_is_413_once_the_limit_is_passed() throws IOException {
        byte[] spaces = new byte[(int) MAX_BODY + 1];
        Arrays.fill(spaces, (byte) ' ');
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(spaces.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.writeBytes(spaces);
        // no closing chunk: the service must answer without waiting for the end of the body
        Answer answer = send("/api/cells/" + cell + "/tasks", "application/json", "Transfer-Encoding: chunked", chunk.toByteArray());
        assertTooLarge(answer, "body", "4 MB");
    }

    @Test
    void a_chunked_body_within_the_limit_is_read_as_any_other() throws IOException {
        byte[] json = ("{\"memberId\":\"" + member + "\",\"title\":\"Nắm tình hình hộ nghèo\",\"dueOn\":\"2099-01-31\"}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int half = json.length / 2;
        for (byte[] part : new byte[][] {Arrays.copyOf(json, half), Arrays.copyOfRange(json, half, json.length)}) {
            chunks.writeBytes((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(part);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Answer answer = send("/api/cells/" + cell + "/tasks", "application/json", "Transfer-Encoding: chunked", chunks.toByteArray());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().get("version").asLong()).isZero();
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    private void assertTooLarge(Answer answer, String field, String limit) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.head()).contains("content-type: application/problem+json");
        assertThat(answer.json().get("type").asText()).isEqualTo("/problems/payload-too-large");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(answer.json().get("detail").asText()).startsWith(field.equals("file") ? "Tệp danh sách quá lớn" : "Nội dung yêu cầu quá lớn")
                .contains(limit);
        assertThat(eventCount()).as("a refused write writes nothing").isEqualTo(before);
    }

    private Answer send(String path, String contentType, String framing, byte[] body) throws IOException {
        return send("POST", path, contentType, framing, body, true);
    }

    private Answer send(String path, String contentType, String framing, byte[] body, boolean answerExpected) throws IOException {
        return send("POST", path, contentType, framing, body, answerExpected);
    }

    /** One request over a fresh connection; null when {@code answerExpected} is false and none came within a second. */
    private Answer send(String method, String path, String contentType, String framing, byte[] body, boolean answerExpected)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(answerExpected ? 20_000 : 1_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nContent-Type: "
                    + contentType + "\r\nAccept: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String head;
            try {
                head = readHead(in);
            } catch (java.net.SocketTimeoutException e) {
                if (answerExpected) {
                    throw e;
                }
                return null;
            }
            int interim = 0;
            while (head.startsWith("http/1.1 100")) {
                interim++;
                head = readHead(in);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] content = head.contains("transfer-encoding: chunked") ? readChunks(in)
                    : in.readNBytes(Integer.parseInt(header(head, "content-length")));
            return new Answer(status, head, new ObjectMapper().readTree(content), interim);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the answer's head ended: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " in " + head);
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).strip(), 16);
            if (size == 0) {
                return content.toByteArray();
            }
            content.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("closed inside a chunk");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
