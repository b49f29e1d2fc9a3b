package vn.chibo.command.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.problem.Problem;
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
    /** The workbook's dates counted from 1904 (old Mac Excel): {@code <workbookPr date1904="1"/>}. */
    private static final Pattern DATE_1904 = Pattern.compile("<(\\w+:)?workbookPr\\b[^>]*\\bdate1904\\s*=\\s*[\"'](1|true)[\"']");

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

    /**
     * Reads the file; {@code filename} or the bytes tell .xlsx (a zip) from CSV. A file of more than {@code maxRows}
     * rows besides its header is refused (413, {@code file}) as soon as they are counted; an .xlsx that cannot be read
     * as one is refused as an invalid import (422).
     */
    public static List<Line> read(String filename, byte[] content, int maxRows) {
        boolean xlsx = (filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx"))
                || (content.length > 1 && content[0] == 'P' && content[1] == 'K');
        Records records = new Records(maxRows);
        if (xlsx) {
            readXlsx(content, records);
        } else {
            readCsv(content, records);
        }
        return records.lines();
    }

    private static void readCsv(byte[] content, Records records) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
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
                records.add(record, recordLine);
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record, recordLine);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /**
     * The first sheet, read as a stream of rows (POI's event API) from a temporary copy of the file: a workbook read
     * whole took ~5 kB of heap a row (a province's 200,000 members, a 5 MB file, needed 1 GB; the command-service has
     * 448 MB), and a package opened from a stream unpacks every part into memory first. This holds the rows' text and
     * the file's shared strings.
     */
    private static void readXlsx(byte[] content, Records records) {
        Path copy = temporaryCopy(content);
        try {
            readXlsx(copy, records);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void readXlsx(Path copy, Records records) {
        OPCPackage workbook = null;
        try {
            // a damaged archive (cut short, no central directory) would make POI unpack every part into memory instead
            try (ZipFile whole = new ZipFile(copy.toFile())) {
                whole.size();
            }
            workbook = OPCPackage.open(copy.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            SharedStrings strings = new ReadOnlySharedStringsTable(workbook);
            SheetRows rows = new SheetRows(records);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new CellsInOrder(reader.getStylesTable(), strings, rows, new IsoDates(date1904(reader))));
            try (InputStream sheet = sheets.next()) {
                parser.parse(new InputSource(sheet));
            }
        } catch (RuleBroken tooMany) {
            throw tooMany;
        } catch (Exception | LinkageError e) {
            throw new RuleBroken(Problem.IMPORT_INVALID, "Không đọc được tệp .xlsx (" + e.getMessage() + "); hãy lưu lại bằng "
                    + "Excel dạng .xlsx hoặc xuất ra .csv. (The .xlsx file could not be read.)", "file");
        } finally {
            if (workbook != null) {
                workbook.revert(); // closes a package opened to read, without writing it back
            }
        }
    }

    /** The file on disk; a disk that cannot take it is the server's trouble (500), not a fault of the file. */
    private static Path temporaryCopy(byte[] content) {
        Path copy = null;
        try {
            copy = Files.createTempFile("chibo-register-", ".xlsx");
            return Files.write(copy, content);
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new UncheckedIOException("Could not keep a temporary copy of a member register file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is removed with the temporary directory
        }
    }

    /** Whether the workbook counts its dates from 1904 (old Mac Excel) rather than 1900: the same number is another day. */
    private static boolean date1904(XSSFReader reader) throws IOException, InvalidFormatException {
        try (InputStream in = reader.getWorkbookData()) {
            return DATE_1904.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find();
        }
    }

    /**
     * POI's sheet handler, telling {@link SheetRows} where each cell starts: a cell's reference ({@code r="B2"}) is
     * optional in the format, and a cell with no value is not passed on, so without this the cells after it in a row
     * written without references would move left.
     */
    private static final class CellsInOrder extends XSSFSheetXMLHandler {
        private final SheetRows rows;

        CellsInOrder(StylesTable styles, SharedStrings strings, SheetRows rows, DataFormatter formatter) {
            super(styles, null, strings, rows, formatter, false);
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if ("c".equals(localName)) {
                rows.cellStarts(attributes.getValue("r"));
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    /** A sheet's rows as they are read, each cell in its column (an empty cell may be missing from the file). */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Records records;
        private List<String> record = new ArrayList<>();
        private int column;
        private int nextColumn;

        SheetRows(Records records) {
            this.records = records;
        }

        @Override
        public void startRow(int rowNum) {
            record = new ArrayList<>();
            nextColumn = 0;
        }

        void cellStarts(String reference) {
            column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            while (record.size() < column) {
                record.add("");
            }
            record.add(value == null ? "" : value);
        }

        @Override
        public void endRow(int rowNum) {
            records.add(record, rowNum + 1);
        }
    }

    /** A date cell as the ISO day it holds, whatever pattern the sheet shows it in; other cells as the sheet shows them. */
    private static final class IsoDates extends DataFormatter {
        private final boolean date1904;

        IsoDates(boolean date1904) {
            super(Locale.ROOT);
            this.date1904 = date1904;
        }

        /** What POI's sheet handler calls: it does not know the workbook's date system. */
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    /** The records read so far with their line numbers: the header and at most {@code maxRows} more. */
    private static final class Records {
        /** Rows of a sheet, blank ones too: Excel's most; a file with more was not written by a spreadsheet. */
        private static final int MAX_SHEET_ROWS = 1_048_576;

        /** A row as read, with its line in the file. */
        private record Row(int line, List<String> cells) {
        }

        private final int maxRows;
        private final List<Row> records = new ArrayList<>();
        private int seen;

        Records(int maxRows) {
            this.maxRows = maxRows;
        }

        /** A blank row after the header (Excel keeps formatted empty rows) is left out and not counted among the rows. */
        void add(List<String> record, int line) {
            if (++seen > MAX_SHEET_ROWS) {
                throw tooMany(MAX_SHEET_ROWS);
            }
            if (!records.isEmpty() && record.stream().allMatch(String::isBlank)) {
                return;
            }
            if (records.size() > maxRows) {
                throw tooMany(maxRows);
            }
            records.add(new Row(line, record));
        }

        private static RuleBroken tooMany(int max) {
            String rows = NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi")).format(max);
            return new RuleBroken(Problem.PAYLOAD_TOO_LARGE, "Tệp có hơn " + rows + " dòng; mỗi lần nhập tối đa " + rows
                    + " dòng: hãy chia theo đảng bộ cấp trên cơ sở rồi nhập từng tệp. (More than " + max
                    + " rows; split the file by committee.)", "file");
        }

        List<Line> lines() {
            if (records.isEmpty()) {
                return List.of();
            }
            List<String> columns = records.get(0).cells().stream().map(RegisterFile::column).toList();
            List<Line> lines = new ArrayList<>();
            for (Row row : records.subList(1, records.size())) {
                Map<String, String> values = new HashMap<>();
                for (int c = 0; c < Math.min(columns.size(), row.cells().size()); c++) {
                    if (columns.get(c) != null) {
                        values.put(columns.get(c), ComposedText.of(row.cells().get(c)));
                    }
                }
                lines.add(new Line(row.line(), values));
            }
            return lines;
        }
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
