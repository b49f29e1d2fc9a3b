package vn.chibo.command.register;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.chibo.command.testing.Api;
import vn.chibo.command.testing.Api.Reply;
import vn.chibo.command.testing.CommandServiceTestBase;

/** The member register from the national database: matched by card number, dry run first, nothing of a bad file applied. */
class RegisterImportHttpTest extends CommandServiceTestBase {
    private Api province;
    private UUID binhMinh;
    private UUID dongHoa;
    /** Card numbers differ per test: the test class shares one database. */
    private String p;

    @BeforeEach
    void setUp() {
        province = province();
        p = String.valueOf(10 + new java.util.Random().nextInt(89)) + "." + System.nanoTime() % 1000;
        UUID committee = UUID.randomUUID();
        binhMinh = UUID.randomUUID();
        dongHoa = UUID.randomUUID();
        province.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        province.post("/api/org-units", cell(binhMinh, "Chi bộ ấp Bình Minh " + p, committee));
        province.post("/api/org-units", cell(dongHoa, "Chi bộ ấp Đông Hòa " + p, committee));
        assertThat(province.post("/api/cells/" + binhMinh + "/members", member(UUID.randomUUID(), "Trần Văn An", p + "002")).status())
                .isEqualTo(201);
        assertThat(province.post("/api/cells/" + binhMinh + "/members", member(UUID.randomUUID(), "Lê Thị Hồng Gấm", p + "003")).status())
                .isEqualTo(201);
    }

    private static byte[] csv(String... rows) {
        return ("\uFEFFSố thẻ,Họ và tên,Ngày sinh,Ngày vào Đảng,Loại đảng viên,Chi bộ\n" + String.join("\n", rows) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_dry_run_lists_what_would_be_created_moved_and_left_and_writes_nothing_then_the_real_run_does_it() {
        byte[] file = csv(
                p + "001,Nguyễn Thị Minh Khai,19/05/1980,03/02/2005,Chính thức,Chi bộ ấp Bình Minh " + p,
                p + "002,Trần Văn An,01/01/1975,01/01/2000,Chính thức,Chi bộ ấp Đông Hòa " + p,
                p + "003,Lê Thị Hồng Gấm,01/01/1990,01/01/2015,Chính thức," + binhMinh);
        long before = eventCount();
        Reply dry = province.upload("/api/members/import?dryRun=true", file, "text/csv");
        assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().get("created").asInt()).isEqualTo(1);
        assertThat(dry.json().get("moved").asInt()).isEqualTo(1);
        assertThat(dry.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(dry.json().get("rows").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(dry.json().get("rows").get(1).get("action").asText()).isEqualTo("MOVE");
        assertThat(eventCount()).isEqualTo(before);

        var keyed = province.header("Idempotency-Key", "nhap-danh-sach-" + p);
        Reply real = keyed.upload("/api/members/import", file, "text/csv");
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(real.json().get("dryRun").asBoolean()).isFalse();
        assertThat(eventCount()).isEqualTo(before + 2);
        Reply retried = keyed.upload("/api/members/import", file, "text/csv");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.headers()).containsKey("idempotent-replayed");
        assertThat(retried.json().get("created").asInt()).as("a retry gets the first report's counts").isEqualTo(1);
        assertThat(retried.json().get("moved").asInt()).isEqualTo(1);
        assertThat(retried.json().get("dryRun").asBoolean()).isFalse();
        assertThat(retried.json().has("rows")).as("not the rows: names and card numbers stay out of the keys' table").isFalse();
        assertThat(retried.body()).doesNotContain("Trần Văn An");
        Reply dryAfter = keyed.upload("/api/members/import?dryRun=true", file, "text/csv");
        assertThat(dryAfter.status()).as("a dry run is another request: " + dryAfter).isEqualTo(409);
        assertThat(dryAfter.problem()).isEqualTo("idempotency-key-reused");
        Reply otherQuery = keyed.upload("/api/members/import?dryRun=false", file, "text/csv");
        assertThat(otherQuery.status()).as("the query string is part of the request the key stands for").isEqualTo(409);
        assertThat(otherQuery.problem()).isEqualTo("idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT cell_id FROM event_store.member_directory WHERE card_number = ?").param(p + "002")
                .query(UUID.class).single()).isEqualTo(dongHoa);

        Reply again = province.upload("/api/members/import", file, "text/csv");
        assertThat(again.json().get("unchanged").asInt()).as("importing the same file again changes nothing").isEqualTo(3);
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    @Test
    void a_file_written_with_combining_marks_finds_its_cells_and_statuses() {
        // "Chi bộ ấp Đông Hòa" and "Dự bị" as a combining keyboard setting writes them
        String dongHoaCombining = "Chi bo\u0323\u0302 a\u0302\u0301p \u0110o\u0302ng Ho\u0300a " + p;
        Reply imported = province.upload("/api/members/import?dryRun=true",
                csv(p + "021,Đặng Văn Ngữ,01/01/1980,01/01/2010,D\u01b0\u0323 bi\u0323," + dongHoaCombining), "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("created").asInt()).isEqualTo(1);
        assertThat(imported.json().get("rows").get(0).get("cellId").asText()).isEqualTo(dongHoa.toString());
    }

    @Test
    void a_bad_line_is_reported_by_its_number_and_nothing_of_the_file_is_applied() {
        long before = eventCount();
        Reply bad = province.upload("/api/members/import", csv(
                p + "011,Phạm Văn Đồng,01/03/1970,01/01/1995,Chính thức,Chi bộ ấp Bình Minh " + p,
                p + "012,Võ Thị Sáu,31/02/1990,01/01/2015,Chính thức,Chi bộ ấp Bình Minh " + p,
                p + "013,Hồ Văn Mười,01/01/1990,01/01/2015,Dự bị,Chi bộ không có"), "text/csv");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.problem()).isEqualTo("import-invalid");
        assertThat(bad.json().get("errors")).hasSize(2);
        assertThat(bad.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("birthDate");
        assertThat(bad.json().get("errors").get(1).get("line").asInt()).isEqualTo(4);
        assertThat(bad.json().get("errors").get(1).get("field").asText()).isEqualTo("cell");

        Reply ruleBroken = province.upload("/api/members/import", csv(
                p + "011,Phạm Văn Đồng,01/03/1970,01/01/1995,Chính thức,Chi bộ ấp Bình Minh " + p,
                p + "014,Ngô Thị Lan,01/01/1990,01/01/1985,Chính thức,Chi bộ ấp Bình Minh " + p), "text/csv");
        assertThat(ruleBroken.status()).as(ruleBroken.toString()).isEqualTo(422);
        assertThat(ruleBroken.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_cell_cannot_take_another_cells_member_by_naming_the_card_in_its_file_nor_learn_where_the_card_is() {
        String user = "bithu.donghoa." + p.replace(".", "");
        assertThat(province.post("/api/users", vn.chibo.command.testing.Builders.account(user, "CELL", dongHoa)).status()).isEqualTo(201);
        Api donghoaCell = api().as(user, "mat-khau-2026");
        long before = eventCount();
        byte[] file = csv(
                p + "031,Đoàn Thị Điểm,01/01/1985,01/01/2010,Chính thức,Chi bộ ấp Đông Hòa " + p,
                p + "002,Trần Văn An,01/01/1975,01/01/2000,Chính thức,Chi bộ ấp Đông Hòa " + p);
        for (String dryRun : new String[]{"?dryRun=true", ""}) {
            Reply taken = donghoaCell.upload("/api/members/import" + dryRun, file, "text/csv");
            assertThat(taken.status()).as(taken.toString()).isEqualTo(403);
            assertThat(taken.problem()).isEqualTo("out-of-scope");
            assertThat(taken.json().get("field").asText()).isEqualTo("line 3");
            assertThat(taken.json().get("errors").get(0).get("field").asText()).isEqualTo("cardNumber");
            assertThat(taken.body()).as("which cell holds the card is not told").doesNotContain(binhMinh.toString())
                    .doesNotContain("Bình Minh");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT cell_id FROM event_store.member_directory WHERE card_number = ?").param(p + "002")
                .query(UUID.class).single()).isEqualTo(binhMinh);

        Reply otherCells = donghoaCell.upload("/api/members/import?dryRun=true", csv(
                p + "002,Trần Văn An,01/01/1975,01/01/2000,Chính thức,Chi bộ ấp Bình Minh " + p), "text/csv");
        assertThat(otherCells.status()).as("a line of another cell, with a card already there: " + otherCells).isEqualTo(403);
        assertThat(otherCells.json().get("errors").get(0).get("field").asText()).isEqualTo("cell");

        Reply own = donghoaCell.upload("/api/members/import", csv(
                p + "031,Đoàn Thị Điểm,01/01/1985,01/01/2010,Chính thức,Chi bộ ấp Đông Hòa " + p), "text/csv");
        assertThat(own.status()).as("its own new members it may enrol: " + own).isEqualTo(200);
        assertThat(own.json().get("created").asInt()).isEqualTo(1);
    }

    @Test
    void each_line_s_events_name_the_cell_they_wrote_to_so_that_cell_s_audit_log_shows_them() {
        Reply imported = province.upload("/api/members/import", csv(
                p + "041,Lý Tự Trọng,01/01/1985,01/01/2010,Chính thức,Chi bộ ấp Bình Minh " + p,
                p + "002,Trần Văn An,01/01/1975,01/01/2000,Chính thức,Chi bộ ấp Đông Hòa " + p), "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        UUID enrolled = UUID.fromString(imported.json().get("rows").get(0).get("memberId").asText());
        UUID moved = UUID.fromString(imported.json().get("rows").get(1).get("memberId").asText());
        assertThat(cellInMetadata(enrolled)).as("an enrolment, by the cell it enrols into").isEqualTo(binhMinh.toString());
        assertThat(cellInMetadata(moved)).as("a transfer, by the cell it leaves, as the transfer endpoint writes it")
                .isEqualTo(binhMinh.toString());
    }

    private String cellInMetadata(UUID member) {
        return jdbc.sql("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'cellId' FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                .param(member.toString()).query(String.class).single();
    }

    @Test
    void an_xlsx_export_is_read_too() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Danh sách");
            String[][] rows = {{"Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Loại đảng viên", "Chi bộ"},
                    {p + "021", "Đặng Thùy Trâm", "26/11/1942", "27/09/1968", "Chính thức", "Chi bộ ấp Đông Hòa " + p}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        Reply reply = province.upload("/api/members/import?filename=danh-sach.xlsx", out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("created").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT cell_id FROM event_store.member_directory WHERE card_number = ?").param(p + "021")
                .query(UUID.class).single()).isEqualTo(dongHoa);
    }

    @Test
    void date_cells_of_an_xlsx_are_read_as_the_days_they_hold_whatever_their_pattern() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Danh sách");
            String[] header = {"Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Loại đảng viên", "Chi bộ"};
            Row top = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                top.createCell(c).setCellValue(header[c]);
            }
            var usShort = workbook.createCellStyle();
            usShort.setDataFormat((short) 14); // Excel's built-in m/d/yy
            var vietnamese = workbook.createCellStyle();
            vietnamese.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            Row row = sheet.createRow(3); // rows 2 and 3 left out: the line number is the sheet's
            row.createCell(0).setCellValue(p + "031");
            row.createCell(1).setCellValue("Nguyễn Văn Trỗi");
            row.createCell(2).setCellValue(java.time.LocalDate.of(1940, 2, 1));
            row.getCell(2).setCellStyle(usShort);
            row.createCell(3).setCellValue(java.time.LocalDate.of(1963, 5, 19));
            row.getCell(3).setCellStyle(vietnamese);
            row.createCell(4).setCellValue("Chính thức");
            // column F left empty: no cell in the file
            row.createCell(6).setCellValue("ignored");
            Row second = sheet.createRow(4);
            second.createCell(0).setCellValue(p + "032");
            second.createCell(1).setCellValue("Võ Thị Sáu");
            second.createCell(2).setCellValue("01/01/1933");
            second.createCell(3).setCellValue(java.time.LocalDate.of(1949, 12, 31));
            second.getCell(3).setCellStyle(usShort);
            second.createCell(4).setCellValue("Chính thức");
            second.createCell(5).setCellValue(dongHoa.toString());
            workbook.write(out);
        }
        Reply reply = province.upload("/api/members/import?dryRun=true&filename=danh-sach.xlsx", out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().get("errors")).as(reply.toString()).hasSize(1);
        assertThat(reply.json().get("errors").get(0).get("line").asInt()).as("the sheet's row 4").isEqualTo(4);
        assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("cell");

        long before = eventCount();
        Reply real = province.upload("/api/members/import?filename=danh-sach.xlsx", withoutRow(out.toByteArray(), 3),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(real.status()).as(real.toString()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(before + 1);
        UUID enrolled = jdbc.sql("SELECT member_id FROM event_store.member_directory WHERE card_number = ?").param(p + "032")
                .query(UUID.class).single();
        assertThat(firstPayloadOf(enrolled)).contains("1933-01-01").contains("1949-12-31");
    }

    /** The workbook again without one of its rows (0-based). */
    private static byte[] withoutRow(byte[] xlsx, int row) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.getSheetAt(0).removeRow(workbook.getSheetAt(0).getRow(row));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void a_file_of_more_rows_than_one_import_takes_is_413_and_names_the_limit() throws Exception {
        StringBuilder csv = new StringBuilder("Số thẻ,Họ và tên,Ngày sinh,Ngày vào Đảng,Loại đảng viên,Chi bộ\n");
        for (int r = 0; r < 5_001; r++) {
            csv.append(p).append(String.format("%06d", r)).append(",Trần Văn An,01/01/1975,01/01/2000,Chính thức,").append(binhMinh).append('\n');
        }
        long before = eventCount();
        Reply many = province.upload("/api/members/import", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(many.status()).as(many.toString()).isEqualTo(413);
        assertThat(many.problem()).isEqualTo("payload-too-large");
        assertThat(many.json().get("field").asText()).isEqualTo("file");
        assertThat(many.json().get("detail").asText()).startsWith("Tệp có hơn 5.000 dòng");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("Danh sách");
            sheet.createRow(0).createCell(0).setCellValue("Số thẻ");
            for (int r = 1; r <= 5_001; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(p + String.format("%06d", r));
            }
            workbook.write(out);
        }
        Reply manyXlsx = province.upload("/api/members/import?filename=danh-sach.xlsx", out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(manyXlsx.status()).as(manyXlsx.toString()).isEqualTo(413);
        assertThat(manyXlsx.json().get("field").asText()).isEqualTo("file");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_file_that_only_looks_like_an_xlsx_is_422_naming_the_file() {
        Reply broken = province.upload("/api/members/import?filename=danh-sach.xlsx", "PK không phải tệp zip".getBytes(StandardCharsets.UTF_8),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(422);
        assertThat(broken.problem()).isEqualTo("import-invalid");
        assertThat(broken.json().get("field").asText()).isEqualTo("file");
        assertThat(broken.json().get("detail").asText()).startsWith("Không đọc được tệp .xlsx");
    }
}
