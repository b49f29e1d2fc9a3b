package vn.chibo.query.web;

import java.util.List;
import java.util.stream.Collectors;

/** Lists as CSV (RFC 4180, UTF-8, a header row), for every list that a user may want in a spreadsheet. */
public final class Csv {
    public static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

    private Csv() {
    }

    public static String of(List<String> header, List<List<?>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(line(header));
        for (List<?> row : rows) {
            out.append(line(row));
        }
        return out.toString();
    }

    private static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // a leading = + - @ would be run as a formula by spreadsheet programs
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
