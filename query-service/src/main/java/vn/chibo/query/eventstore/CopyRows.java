package vn.chibo.query.eventstore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * A run of one INSERT for many rows, sent as PostgreSQL's {@code COPY ... FROM STDIN} instead of the driver's
 * multi-row INSERTs: ~5 µs of PostgreSQL's CPU a row instead of ~9 in runs of a replay's size (a replay writes ~3.4
 * rows an event; issue 7). Only a plain {@code INSERT INTO t (columns) VALUES (...)} qualifies, its values parameters
 * or constants (a quoted text, TRUE, FALSE, NULL, an integer), with or without a conflict clause ({@code DO NOTHING}
 * or {@code DO UPDATE}: a COPY that succeeds met no conflict, where the clause does nothing); and only values the
 * projections send, each to a column of its own type (a text to a text, a {@code UUID} to a uuid, a
 * {@code LocalDate} to a date...), written as that type reads them, which is what the driver's binding stores. A
 * value of another kind, or to a column of another type, sends the run as INSERTs.
 * <p>
 * COPY has no conflict clause and stops at the first row that breaks a rule. So it runs inside a savepoint, and if it
 * fails (a row already there, as when an event is applied again) nothing of it stays and the caller sends the run as
 * the INSERT it is: the effect is always the INSERT's.
 */
final class CopyRows {
    /** Shorter runs go as INSERTs: below ~128 rows the savepoint's two round trips cost what COPY saves. */
    static final int FROM_ROWS = 128;

    private static final Pattern INSERT = Pattern.compile("^\\s*INSERT\\s+INTO\\s+([\\w.]+)\\s*\\(([^)]*)\\)\\s*"
                    + "VALUES\\s*\\((.*?)\\)\\s*(?:ON\\s+CONFLICT\\s*(?:\\([^)]*\\)\\s*)?DO\\s+(?:NOTHING\\s*|UPDATE\\s+SET\\s.*))?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\\w+");
    private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9]\\d*)");
    private static final Pattern TEXT = Pattern.compile("'([^'\\\\]*)'");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying");
    private static final Set<String> TIME_TYPES = Set.of("timestamp with time zone", "timestamp without time zone");
    private static final Map<String, Optional<CopyRows>> BY_SQL = new ConcurrentHashMap<>();

    private final String table;
    private final String[] columns;
    private final String copy;
    /** Per column: null where a parameter goes, else the constant as COPY reads it, in UTF-8. */
    private final byte[][] constants;
    private final int parameters;
    /** Per column, its type as {@code format_type} names it; read from the table when first needed. */
    private volatile String[] types;

    private CopyRows(String table, String[] columns, byte[][] constants) {
        this.table = table;
        this.columns = columns;
        this.copy = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.constants = constants;
        this.parameters = (int) Arrays.stream(constants).filter(c -> c == null).count();
    }

    /** The COPY that does what {@code insert} does for many rows, or null when it cannot be one. */
    static CopyRows of(String insert) {
        return BY_SQL.computeIfAbsent(insert, sql -> Optional.ofNullable(parse(sql))).orElse(null);
    }

    private static CopyRows parse(String sql) {
        Matcher matcher = INSERT.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String[] columns = matcher.group(2).split(",", -1);
        String[] values = matcher.group(3).split(",", -1);
        if (columns.length != values.length) {
            return null;
        }
        byte[][] constants = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            columns[i] = columns[i].trim();
            if (!NAME.matcher(columns[i]).matches()) {
                return null;
            }
            String value = values[i].trim();
            Matcher text = TEXT.matcher(value);
            if (value.equals("?")) {
                constants[i] = null;
            } else if (text.matches()) {
                Utf8Rows escaped = new Utf8Rows(text.group(1).length());
                escaped.text(text.group(1));
                constants[i] = escaped.bytes();
            } else if (value.equalsIgnoreCase("TRUE") || value.equalsIgnoreCase("FALSE")) {
                constants[i] = ascii(value.toLowerCase());
            } else if (value.equalsIgnoreCase("NULL")) {
                constants[i] = NULL;
            } else if (INTEGER.matcher(value).matches()) {
                constants[i] = ascii(value);
            } else {
                return null;
            }
        }
        return new CopyRows(matcher.group(1), columns, constants);
    }

    /**
     * Copies the rows of {@code run} ({@code params} of the INSERT this was made from, one array a row): true if they
     * are in; false if they could not go this way (a value of another kind, or a row PostgreSQL refused), and then
     * nothing of them was written.
     */
    boolean copy(Connection connection, List<BatchedWrites.Write> run) throws SQLException {
        Utf8Rows rows = rows(run, types(connection));
        if (rows == null) {
            return false;
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, rows.stream());
        } catch (SQLException refused) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return false;
        } catch (java.io.IOException cannot) {
            throw new SQLException("COPY of " + run.size() + " rows", cannot);
        }
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
        return true;
    }

    private String[] types(Connection connection) throws SQLException {
        String[] known = types;
        if (known == null) {
            known = new String[columns.length];
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT attname, format_type(atttypid, NULL) FROM pg_attribute
                    WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped""")) {
                query.setString(1, table);
                try (ResultSet result = query.executeQuery()) {
                    Map<String, String> byName = new HashMap<>();
                    while (result.next()) {
                        byName.put(result.getString(1), result.getString(2));
                    }
                    for (int i = 0; i < columns.length; i++) {
                        known[i] = byName.get(columns[i].toLowerCase());
                    }
                }
            }
            types = known;
        }
        return known;
    }

    /** The rows in COPY's text format, or null when a value is not of a kind written here to its column's type. */
    private Utf8Rows rows(List<BatchedWrites.Write> run, String[] types) {
        Utf8Rows out = new Utf8Rows(run.size() * 24 * constants.length);
        for (BatchedWrites.Write write : run) {
            Object[] params = write.params();
            if (params.length != parameters) {
                return null;
            }
            int next = 0;
            for (int i = 0; i < constants.length; i++) {
                if (i > 0) {
                    out.ascii('\t');
                }
                if (constants[i] != null) {
                    out.bytes(constants[i]);
                } else if (!append(out, params[next++], types[i])) {
                    return null;
                }
            }
            out.ascii('\n');
        }
        return out;
    }

    /**
     * One value as its column's type reads it, which is what the driver's binding ({@link BatchedWrites#bind}) stores:
     * a time in the JVM's zone with its offset (a {@code timestamptz} keeps the instant, a {@code timestamp} the local
     * time, as the driver's text does). False for a value of another kind or to a column of another type, a date or
     * time outside years 1-9999, or a time finer than a microsecond (the driver rounds it).
     */
    private static boolean append(Utf8Rows out, Object value, String type) {
        if (value == null) {
            out.bytes(NULL);
            return type != null;
        }
        if (value instanceof String text && TEXT_TYPES.contains(type)) {
            out.text(text);
        } else if (value instanceof UUID && "uuid".equals(type)
                || value instanceof Integer && ("integer".equals(type) || "bigint".equals(type))
                || value instanceof Long && "bigint".equals(type)) {
            out.ascii(value.toString());
        } else if (value instanceof Boolean flag && "boolean".equals(type)) {
            out.bytes(flag ? TRUE : FALSE);
        } else if (value instanceof Double number && "double precision".equals(type)) {
            out.ascii(Double.toString(number));
        } else if (value instanceof LocalDate date && "date".equals(type)) {
            return appendDate(out, date);
        } else if (value instanceof java.sql.Date date && "date".equals(type)) {
            return appendDate(out, date.toLocalDate());
        } else if (value instanceof Timestamp time && TIME_TYPES.contains(type)) {
            OffsetDateTime local = time.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
            if (time.getNanos() % 1_000 != 0 || local.getYear() < 1 || local.getYear() > 9999
                    || local.getOffset().getTotalSeconds() % 60 != 0) {
                return false;
            }
            out.ascii(TIME.format(local));
        } else {
            return false;
        }
        return true;
    }

    private static boolean appendDate(Utf8Rows out, LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return false;
        }
        out.ascii(date.toString());
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] NULL = ascii("\\N");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /**
     * COPY's text written straight into UTF-8 bytes. Appending a text char by char to a {@code StringBuilder} (widened
     * to two bytes a char at the first Vietnamese letter), then encoding the whole of it, took a tenth of the replay
     * threads' samples (issue 7). A text is encoded whole by the JDK, then its backslashes, tabs and line ends are
     * escaped in the bytes: in UTF-8 those bytes stand only for those characters, never inside another's encoding.
     */
    static final class Utf8Rows {
        private byte[] bytes;
        private int length;

        Utf8Rows(int capacity) {
            bytes = new byte[Math.max(capacity, 64)];
        }

        /** Text as COPY's text format reads it back: backslash, tab, newline and carriage return escaped. */
        void text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int escapes = 0;
            for (byte b : utf8) {
                if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                    escapes++;
                }
            }
            if (escapes == 0) {
                bytes(utf8);
                return;
            }
            room(utf8.length + escapes);
            for (byte b : utf8) {
                switch (b) {
                    case '\\' -> escape((byte) '\\');
                    case '\t' -> escape((byte) 't');
                    case '\n' -> escape((byte) 'n');
                    case '\r' -> escape((byte) 'r');
                    default -> bytes[length++] = b;
                }
            }
        }

        private void escape(byte letter) {
            bytes[length++] = '\\';
            bytes[length++] = letter;
        }

        /** Text known to be ASCII (numbers, UUIDs, dates, times). */
        void ascii(String text) {
            int n = text.length();
            room(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
        }

        void ascii(char c) {
            room(1);
            bytes[length++] = (byte) c;
        }

        void bytes(byte[] more) {
            room(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }

        ByteArrayInputStream stream() {
            return new ByteArrayInputStream(bytes, 0, length);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
