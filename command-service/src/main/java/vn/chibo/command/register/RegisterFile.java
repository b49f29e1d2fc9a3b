package vn.chibo.command.register;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.chibo.events.text.ComposedText;

/**
 * The rows of a member register exported from the national party-member database (Cơ sở dữ liệu đảng viên),
 * as CSV (UTF-8, comma or semicolon) or .xlsx (the first sheet). The header row names the columns, in
 * Vietnamese or English; each row keeps its line number in the file for error reports.
 */
public final class RegisterFile {
    /** One data row: its line in the file and its values by column. */
    public record Line(int number, Map<String, String> values) {
        public String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    public static final String CARD = "cardNumber";
    public static final String NAME = "fullName";
    public static final String BIRTH = "birthDate";
    public static final String JOINED = "joinedPartyOn";
    public static final String STATUS = "status";
    public static final String CELL = "cell";
    public static final String SINCE = "memberSince";

    private static final Map<String, String> HEADERS = new HashMap<>();
    /** Strict: 31/02/1990 is an error, not the 28th. */
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    static {
        alias(CARD, "cardnumber", "số thẻ", "so the", "số thẻ đảng viên", "so the dang vien");
        alias(NAME, "fullname", "họ và tên", "ho va ten", "họ tên", "ho ten");
        alias(BIRTH, "birthdate", "ngày sinh", "ngay sinh");
        alias(JOINED, "joinedpartyon", "ngày vào đảng", "ngay vao dang");
        alias(STATUS, "status", "loại đảng viên", "loai dang vien", "trạng thái", "trang thai");
        alias(CELL, "cell", "cellid", "chi bộ", "chi bo");
        alias(SINCE, "membersince", "ngày sinh hoạt tại chi bộ", "ngay sinh hoat tai chi bo");
    }

    private static void alias(String column, String... names) {
        for (String name : names) {
            HEADERS.put(name, column);
        }
    }

    private RegisterFile() {
    }

    /** Reads the file; {@code filename} or the bytes tell .xlsx (a zip) from CSV. */
    public static List<Line> read(String filename, byte[] content) throws IOException {
        boolean xlsx = (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx"))
                || (content.length > 1 && content[0] == 'P' && content[1] == 'K');
        return xlsx ? readXlsx(content) : readCsv(content);
    }

    private static List<Line> readCsv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        char separator = firstLine(text).contains(";") && !firstLine(text).contains(",") ? ';' : ',';
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                lineNumbers.add(recordLine);
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
            lineNumbers.add(recordLine);
        }
        return lines(records, lineNumbers);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static List<Line> readXlsx(byte[] content) throws IOException {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<List<String>> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> record = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    if (cell == null) {
                        record.add("");
                    } else if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
                        record.add(LocalDate.ofInstant(cell.getDateCellValue().toInstant(), ZoneId.systemDefault()).toString());
                    } else {
                        record.add(formatter.formatCellValue(cell));
                    }
                }
                records.add(record);
                lineNumbers.add(row.getRowNum() + 1);
            }
        }
        return lines(records, lineNumbers);
    }

    private static List<Line> lines(List<List<String>> records, List<Integer> lineNumbers) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> columns = records.get(0).stream().map(RegisterFile::column).toList();
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < Math.min(columns.size(), record.size()); c++) {
                if (columns.get(c) != null) {
                    values.put(columns.get(c), ComposedText.of(record.get(c)));
                }
            }
            lines.add(new Line(lineNumbers.get(r), values));
        }
        return lines;
    }

    private static String column(String header) {
        String key = ComposedText.of(header.strip()).toLowerCase(Locale.forLanguageTag("vi"));
        return HEADERS.get(key);
    }

    /** The dates of the export: dd/MM/yyyy as Vietnamese users write them, or ISO-8601. */
    public static LocalDate date(String text) {
        if (text.contains("/")) {
            return LocalDate.parse(text, DAY_MONTH_YEAR);
        }
        return LocalDate.parse(text);
    }
}
