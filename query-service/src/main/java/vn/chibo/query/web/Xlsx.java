package vn.chibo.query.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reports as .xlsx with a bold Vietnamese header row; numbers stay numbers so the department can sum them. */
public final class Xlsx {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Xlsx() {
    }

    public static byte[] of(String sheetName, String title, List<String> header, List<List<?>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle heading = workbook.createCellStyle();
            heading.setFont(bold);
            int r = 0;
            if (title != null) {
                Row titleRow = sheet.createRow(r++);
                titleRow.createCell(0).setCellValue(title);
                titleRow.getCell(0).setCellStyle(heading);
                r++;
            }
            Row head = sheet.createRow(r++);
            for (int c = 0; c < header.size(); c++) {
                head.createCell(c).setCellValue(header.get(c));
                head.getCell(c).setCellStyle(heading);
            }
            for (List<?> values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value instanceof Boolean flag) {
                        row.createCell(c).setCellValue(flag ? "Có" : "Không");
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            for (int c = 0; c < header.size(); c++) {
                sheet.setColumnWidth(c, Math.min(60, Math.max(12, header.get(c).length() + 4)) * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
