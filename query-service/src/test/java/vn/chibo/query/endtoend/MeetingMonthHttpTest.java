package vn.chibo.query.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.body;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.command.testing.Api.Reply;
import vn.chibo.query.dashboard.DashboardQueries;
import vn.chibo.query.testing.BothServicesTestBase;

/**
 * A cell's whole month across both services: schedule, attendance, a vote, the score, two drafts of the minutes,
 * finalising and an amendment on the command-service; the meeting, both versions and their diff read back from
 * the query-service.
 */
class MeetingMonthHttpTest extends BothServicesTestBase {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");

    @Autowired
    private ObjectMapper json;
    @Autowired
    private DashboardQueries dashboard;
    @Autowired
    private Clock clock;

    @Test
    void a_whole_month_from_schedule_to_amended_minutes() throws Exception {
        UUID committee = UUID.randomUUID();
        UUID cell = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        commands.post("/api/org-units", cell(cell, "Chi bộ ấp Bình Minh", committee));
        List<UUID> m = new ArrayList<>();
        for (String name : List.of("Nguyễn Thị Minh Khai", "Trần Văn An", "Lê Thị Hồng Gấm", "Phạm Văn Đồng", "Võ Thị Sáu")) {
            UUID id = UUID.randomUUID();
            assertThat(commands.post("/api/cells/" + cell + "/members", member(id, name, null)).status()).isEqualTo(201);
            m.add(id);
        }

        Reply scheduled = commands.post("/api/cells/" + cell + "/meetings", body("kind", "REGULAR",
                "startsAt", "2026-11-03T01:00:00Z", "announcedAt", "2026-10-28T02:00:00Z", "location", "Hội trường ấp Bình Minh",
                "agenda", List.of("Thông tin thời sự", "Kiểm điểm nhiệm vụ tháng 10", "Nhiệm vụ tháng 11"),
                "chairId", m.get(0), "recorderId", m.get(1), "presenterId", m.get(2)));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
        String meeting = scheduled.json().get("id").asText();
        String path = "/api/meetings/" + meeting;

        assertThat(commands.put(path + "/attendance", body(
                "present", List.of(m.get(0), m.get(1), m.get(2), m.get(3)),
                "absent", List.of(body("memberId", m.get(4), "reason", "Đi công tác", "excused", true)),
                "startedAt", "2026-11-03T01:00:00Z", "endedAt", "2026-11-03T03:00:00Z")).status()).isEqualTo(200);
        Reply vote = commands.post(path + "/votes", body("subject", "Nghị quyết tháng 11", "inFavour", 3, "against", 1,
                "abstain", 0));
        assertThat(vote.status()).isEqualTo(201);
        JsonNode voted = awaitJson(queries, path, v -> v.path("votes").size() == 1);
        assertThat(voted.get("version").asLong()).as("the version to send as If-Match, a vote's too")
                .isEqualTo(vote.json().get("version").asLong()).isEqualTo(2);
        assertThat(commands.put(path + "/score", body("criteria",
                Map.of("preparation", 19, "attendance", 17, "conduct", 36, "closing", 19))).status()).isEqualTo(200);

        var sections = body("currentAffairs", "Tình hình kinh tế - xã hội tháng 10", "conclusions", "Thống nhất nghị quyết tháng 11",
                "discussion", List.of(body("memberId", m.get(3), "opinion", "Đề nghị sửa đường liên ấp", "disposition", "ACCEPTED")));
        assertThat(commands.put(path + "/minutes", body("sections", sections)).status()).isEqualTo(200);
        sections.put("thinking", "Đảng viên phấn khởi, tin tưởng");
        assertThat(commands.put(path + "/minutes", body("sections", sections)).status()).isEqualTo(200);
        assertThat(commands.post(path + "/minutes/finalize", body("chairId", m.get(0), "recorderId", m.get(1))).status())
                .isEqualTo(200);
        Reply amended = commands.post(path + "/minutes/amendments", body("sections",
                body("conclusions", "Thống nhất nghị quyết tháng 11\nBổ sung: phòng chống bão số 9"), "reason", "Bổ sung theo chủ trì"));
        assertThat(amended.status()).as(amended.toString()).isEqualTo(201);

        JsonNode view = awaitJson(queries, path, v -> v.path("minutes").path("version").asInt() == 3);
        assertThat(view.get("status").asText()).isEqualTo("HELD");
        assertThat(view.get("attendanceRate").asDouble()).isEqualTo(1.0 * 4 / 5);
        assertThat(view.get("flags").toString()).contains("low-attendance");
        assertThat(view.get("scoreTotal").asInt()).isEqualTo(91);
        assertThat(view.get("scoreLevelLabel").asText()).isEqualTo("Tốt");
        assertThat(view.get("chair").get("fullName").asText()).isEqualTo("Nguyễn Thị Minh Khai");
        assertThat(view.get("votes").get(0).get("counted").asInt()).as("5 full members summoned, less the one absent with an approved reason")
                .isEqualTo(4);
        assertThat(view.get("votes").get(0).get("valid").asBoolean()).isTrue();
        assertThat(view.get("participants")).anySatisfy(p -> {
            assertThat(p.get("fullName").asText()).isEqualTo("Võ Thị Sáu");
            assertThat(p.get("present").asBoolean()).isFalse();
            assertThat(p.get("reason").asText()).isEqualTo("Đi công tác");
        });
        assertThat(view.get("minutes").get("finalised").asBoolean()).isTrue();
        assertThat(view.get("minutes").get("late").asBoolean()).as("finalised weeks after the 3rd").isTrue();
        assertThat(view.get("minutes").get("sections").get("conclusions").asText()).contains("phòng chống bão");
        assertThat(view.get("version").asLong()).isEqualTo(amended.json().get("version").asLong());

        JsonNode versions = queries.get(path + "/minutes/versions").json();
        assertThat(versions).hasSize(3);
        assertThat(versions.get(1).get("kind").asText()).isEqualTo("DRAFT");
        assertThat(versions.get(1).get("finalised").asBoolean()).isTrue();
        assertThat(versions.get(2).get("kind").asText()).isEqualTo("AMENDMENT");
        assertThat(versions.get(2).get("reason").asText()).isEqualTo("Bổ sung theo chủ trì");
        assertThat(versions.get(2).get("actor").asText()).isEqualTo("tinhuy");
        assertThat(versions.get(0).get("sections").get("thinking").isNull()).isTrue();
        Reply versionsCsv = queries.get(path + "/minutes/versions", "text/csv");
        assertThat(versionsCsv.status()).as(versionsCsv.toString()).isEqualTo(200);
        assertThat(versionsCsv.body().split("\r\n")).hasSize(4);
        assertThat(versionsCsv.body()).startsWith("version,kind,finalised,reason,changed,actor,recordedAt")
                .contains("3,AMENDMENT,true,Bổ sung theo chủ trì,conclusions,tinhuy,");

        JsonNode diff = queries.get(path + "/minutes/diff?from=2&to=3").json();
        assertThat(diff.get("sections")).singleElement().satisfies(s -> {
            assertThat(s.get("section").asText()).isEqualTo("conclusions");
            assertThat(s.get("lines").toString()).contains("{\"op\":\" \",\"text\":\"Thống nhất nghị quyết tháng 11\"}")
                    .contains("{\"op\":\"+\",\"text\":\"Bổ sung: phòng chống bão số 9\"}");
        });

        JsonNode calendar = queries.get("/api/cells/" + cell + "/meetings?from=2026-11-01&to=2026-11-30").json();
        assertThat(calendar).singleElement().satisfies(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("REGULAR");
            assertThat(e.get("enteredLate").asBoolean()).isTrue();
            assertThat(e.get("noticeDays").asInt()).isEqualTo(6);
        });

        byte[] pdf = queries.download(path + "/minutes.pdf");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "bien-ban-sinh-hoat.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("BIÊN BẢN SINH HOẠT CHI BỘ").contains("Nguyễn Thị Minh Khai")
                    .contains("Võ Thị Sáu").contains("Đi công tác").contains("ĐẢNG CỘNG SẢN VIỆT NAM")
                    .contains("CHI BỘ ẤP BÌNH MINH").contains("phòng chống bão số 9").contains("THƯ KÝ");
        }

        JsonNode compliance = awaitJson(queries, "/api/dashboard/compliance?unit=" + committee + "&month=2026-11",
                d -> d.path("rows").path(0).path("scoreTotal").asInt() == 91);
        assertThat(compliance.get("rows").get(0).get("regularMeetingOn").asText()).isEqualTo("2026-11-03");
        assertThat(compliance.get("rows").get(0).get("flags").toString()).contains("low-attendance");
        assertThat(compliance.get("total").get("regularMeetingsHeld").asInt()).isEqualTo(1);
        // the page as served is the service's own mapper's writing of the same records, byte for byte (ComplianceJson)
        assertThat(queries.get("/api/dashboard/compliance?unit=" + committee + "&month=2026-11").body()).isEqualTo(new String(
                json.writeValueAsBytes(dashboard.compliance(committee, YearMonth.of(2026, 11), LocalDate.now(clock))),
                StandardCharsets.UTF_8));
        Reply complianceCsv = queries.get("/api/dashboard/compliance?unit=" + committee + "&month=2026-11", "text/csv");
        assertThat(complianceCsv.body()).contains("Chi bộ ấp Bình Minh").contains("2026-11-03");
        byte[] report = queries.header("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .download("/api/dashboard/compliance?unit=" + committee + "&month=2026-11");
        Files.write(Path.of("target", "sinh-hoat-chi-bo-2026-11.xlsx"), report);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(report))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Chi bộ");
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("Chi bộ ấp Bình Minh");
            assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("03/11/2026");
            assertThat(sheet.getRow(3).getCell(6).getNumericCellValue()).isEqualTo(80.0);
        }

        JsonNode rotation = queries.get("/api/cells/" + cell + "/presenter/next").json();
        assertThat(rotation.get("next").get("lastPresentedOn").isNull()).isTrue();
        assertThat(rotation.get("order").get(4).get("fullName").asText()).as("who presented most recently goes last")
                .isEqualTo("Lê Thị Hồng Gấm");
    }

    @Test
    void a_dashboard_page_the_browser_holds_is_not_sent_again_and_goes_gzipped_where_taken() throws Exception {
        UUID committee = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ xã Mỹ Hiệp", PROVINCE));
        List<String> names = List.of("Chi bộ ấp Mỹ Đông", "Chi bộ ấp Mỹ Tây", "Chi bộ ấp Hòa Khánh", "Chi bộ ấp Bình Hòa",
                "Chi bộ ấp Tân Thạnh");
        for (String name : names) {
            assertThat(commands.post("/api/org-units", cell(UUID.randomUUID(), name, committee)).status()).isEqualTo(201);
        }
        String path = "/api/dashboard/compliance?unit=" + committee + "&month=2026-11";
        awaitJson(queries, path, d -> d.path("rows").size() == names.size());

        // other tests' events may still move the dashboard on: the two asks are repeated until nothing changed between
        // the tag is compared weakly (as its strong form too) and may come in a list
        Reply[] asks = new Reply[4];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            asks[0] = queries.get(path);
            if (asks[0].status() != 200) {
                return false;
            }
            String held = asks[0].headers().get("ETag").get(0);
            asks[1] = queries.header("If-None-Match", held).get(path);
            asks[2] = queries.header("If-None-Match", held.substring(2)).get(path);
            asks[3] = queries.header("If-None-Match", "\"another\", " + held).get(path);
            return asks[1].status() == 304 && asks[2].status() == 304 && asks[3].status() == 304;
        });
        Reply first = asks[0];
        Reply held = asks[1];
        String tag = first.headers().get("ETag").get(0);
        assertThat(tag).startsWith("W/\"");
        assertThat(queries.header("If-None-Match", "W/\"another\"").get(path).status()).isEqualTo(200);
        assertThat(first.headers().get("Cache-Control")).as("kept by the browser, asked again each time").singleElement()
                .satisfies(c -> assertThat(c).contains("no-cache").contains("private").doesNotContain("no-store"));
        assertThat(first.body().getBytes(StandardCharsets.UTF_8).length).as("big enough to be gzipped").isGreaterThan(2048);
        assertThat(held.body()).isEmpty();
        assertThat(held.headers().get("ETag")).containsExactly(tag);
        assertThat(held.headers().get("Vary").toString()).contains("Accept").contains("Accept-Encoding");
        Reply badMonth = queries.header("If-None-Match", tag).get("/api/dashboard/compliance?unit=" + committee + "&month=2026-13");
        assertThat(badMonth.status()).as("a held tag does not hide a bad month").isEqualTo(400);
        assertThat(badMonth.contentType()).contains("application/problem+json");
        assertThat(badMonth.problem()).isEqualTo("invalid-value");
        Reply badFrom = queries.get("/api/dashboard/trends?unit=" + committee + "&from=thang-truoc");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.json().get("field").asText()).as("the refusal names the parameter sent").isEqualTo("from");
        assertThat(queries.get("/api/dashboard/trends?unit=" + committee + "&to=2026-13").json().get("field").asText())
                .isEqualTo("to");

        Reply zipped = queries.header("Accept-Encoding", "gzip").get(path);
        assertThat(zipped.headers().get("Content-Encoding")).containsExactly("gzip");
        assertThat(zipped.headers().get("ETag")).containsExactly(tag);

        byte[] gzipped = queries.header("Accept-Encoding", "gzip, deflate, br").download(path);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(first.body());
        }
        assertThat(gzipped.length).isLessThan(first.body().getBytes(StandardCharsets.UTF_8).length / 2);
        byte[] plain = queries.header("Accept-Encoding", "gzip;q=0").download(path);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(first.body());

        // a change on the dashboard: the held copy is no longer the page, and the new page comes with a new tag
        commands.post("/api/org-units", cell(UUID.randomUUID(), "Chi bộ ấp Mỹ Thuận", committee));
        JsonNode changed = awaitJson(queries.header("If-None-Match", tag), path,
                d -> d.path("rows").size() == names.size() + 1);
        assertThat(changed.path("rows").toString()).contains("Chi bộ ấp Mỹ Thuận");
        Reply after = queries.header("If-None-Match", tag).get(path);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.headers().get("ETag").get(0)).isNotEqualTo(tag);
    }
}
