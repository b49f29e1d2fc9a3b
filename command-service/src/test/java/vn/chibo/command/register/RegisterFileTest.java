package vn.chibo.command.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.chibo.command.register.RegisterFile.Line;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.problem.Problem;

/** The register's files as exports and spreadsheet programs write them, read without the service. */
class RegisterFileTest {
    private static final String HEADER = "Số thẻ,Họ và tên,Ngày sinh\n";

    private static byte[] csv(int rows, int blankRows) {
        StringBuilder text = new StringBuilder(HEADER);
        for (int r = 1; r <= rows; r++) {
            text.append("79.").append(r).append(",Đảng viên ").append(r).append(",01/01/1980\n");
            if (r == 1) {
                text.append(",,\n".repeat(blankRows));
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void as_many_rows_as_the_limit_are_read_and_one_more_is_refused_naming_the_file() {
        assertThat(RegisterFile.read("danh-sach.csv", csv(3, 0), 3)).hasSize(3);
        assertThatThrownBy(() -> RegisterFile.read("danh-sach.csv", csv(4, 0), 3))
                .isInstanceOfSatisfying(RuleBroken.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE);
                    assertThat(e.field()).isEqualTo("file");
                    assertThat(e.detail()).startsWith("Tệp có hơn 3 dòng");
                });
    }

    @Test
    void blank_rows_excel_keeps_are_not_counted_and_lines_keep_their_numbers() throws Exception {
        List<Line> lines = RegisterFile.read("danh-sach.csv", csv(3, 5), 3);
        assertThat(lines).extracting(Line::number).containsExactly(2, 8, 9);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet();
            var bordered = workbook.createCellStyle();
            bordered.setBorderBottom(org.apache.poi.ss.usermodel.BorderStyle.THIN);
            sheet.createRow(0).createCell(0).setCellValue("Số thẻ");
            for (int r = 1; r <= 10; r++) {
                Row row = sheet.createRow(r);
                if (r <= 3) {
                    row.createCell(0).setCellValue("79." + r);
                } else {
                    row.createCell(0).setCellStyle(bordered); // a formatted empty row
                }
            }
            workbook.write(out);
        }
        assertThat(RegisterFile.read("danh-sach.xlsx", out.toByteArray(), 3)).extracting(Line::number).containsExactly(2, 3, 4);
    }

    @Test
    void dates_of_a_workbook_counting_from_1904_are_the_days_it_shows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var properties = workbook.getCTWorkbook();
            (properties.isSetWorkbookPr() ? properties.getWorkbookPr() : properties.addNewWorkbookPr()).setDate1904(true);
            assertThat(workbook.isDate1904()).isTrue();
            Sheet sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("Ngày sinh");
            var date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            var cell = sheet.createRow(1).createCell(0);
            cell.setCellValue(LocalDate.of(1980, 1, 1));
            cell.setCellStyle(date);
            workbook.write(out);
        }
        assertThat(RegisterFile.read("danh-sach.xlsx", out.toByteArray(), 10).get(0).get(RegisterFile.BIRTH)).isEqualTo("1980-01-01");
    }

    @Test
    void cells_written_without_references_stay_in_their_columns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Số thẻ");
            header.createCell(1).setCellValue("Họ và tên");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellStyle(workbook.createCellStyle()); // an empty cell, kept for its style
            row.createCell(1).setCellValue("Nguyễn Văn Trỗi");
            workbook.write(out);
        }
        byte[] withoutReferences = rewriteSheet(out.toByteArray(), xml -> xml.replaceAll("<c r=\"[A-Z]+[0-9]+\"", "<c"));
        Line line = RegisterFile.read("danh-sach.xlsx", withoutReferences, 10).get(0);
        assertThat(line.get(RegisterFile.NAME)).isEqualTo("Nguyễn Văn Trỗi");
        assertThat(line.get(RegisterFile.CARD)).isNull();
    }

    /** The workbook with its first sheet's XML changed. */
    private static byte[] rewriteSheet(byte[] xlsx, java.util.function.UnaryOperator<String> change) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    String rewritten = change.apply(xml);
                    changed = !rewritten.equals(xml);
                    bytes = rewritten.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        assertThat(changed).as("the sheet had cell references to take out").isTrue();
        return out.toByteArray();
    }

    @Test
    void a_workbook_cut_short_is_refused_as_unreadable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("Số thẻ");
            workbook.write(out);
        }
        byte[] whole = out.toByteArray();
        // every part whole, the archive's directory of them gone: read as a stream, POI would take each part into memory
        int directory = java.nio.ByteBuffer.wrap(whole, whole.length - 22 + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] cut = java.util.Arrays.copyOf(whole, directory);
        assertThatThrownBy(() -> RegisterFile.read("danh-sach.xlsx", cut, 10))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.problem()).isEqualTo(Problem.IMPORT_INVALID));
    }

    @Test
    void a_file_of_more_rows_than_a_spreadsheet_holds_is_refused_even_when_they_are_blank() {
        byte[] blank = (HEADER + "\n".repeat(1_048_576)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RegisterFile.read("danh-sach.csv", blank, 10))
                .isInstanceOfSatisfying(RuleBroken.class, e -> assertThat(e.detail()).startsWith("Tệp có hơn 1.048.576 dòng"));
    }
}
