package vn.chibo.command.register;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import vn.chibo.command.eventstore.LogHold;
import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.member.MemberCommands.TransferMember;
import vn.chibo.command.orgunit.UnitDirectory;
import vn.chibo.command.register.RegisterFile.Line;
import vn.chibo.command.rules.MemberRegister;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.security.Scope;
import vn.chibo.command.web.BodyLimit;
import vn.chibo.command.web.CommandSender;
import vn.chibo.command.web.ProblemBody;
import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.organisation.MemberStatus;
import vn.chibo.events.problem.Problem;

/**
 * Nhập danh sách đảng viên from an export of the national database ({@code POST /api/members/import}, the file as
 * the body: text/csv or .xlsx). Members are matched by card number: a new card is enrolled, a card in another
 * cell is transferred, a card already in its cell is left as it is. {@code dryRun=true} answers what would
 * happen, judged by the aggregates exactly as a real run, and writes nothing. A bad line is reported by its
 * number and nothing of the file is applied.
 */
@RestController
public class RegisterImportController {

    public enum Action { CREATE, MOVE, LEAVE }

    public record Planned(int line, String cardNumber, String fullName, Action action, UUID memberId, UUID cellId, UUID fromCellId) {
    }

    public record Report(boolean dryRun, long created, long moved, long unchanged, List<Planned> rows) {
        /**
         * What is kept for the Idempotency-Key, and what a retry gets: the counts without the rows, whose names and
         * card numbers the key's table must not hold (personal data is erasable, DESIGN §7; that table is not).
         */
        Report counts() {
            return new Report(dryRun, created, moved, unchanged, null);
        }
    }

    public record LineError(int line, String field, String detail) {
    }

    private final UnitDirectory units;
    private final MemberRegister register;
    private final Scope scope;
    private final CommandSender sender;
    private final Clock clock;
    /**
     * Rows one file may hold: all of them are judged in one transaction, each with a look-up of its card, and appended
     * while every other write waits ({@link LogHold}), so no more than {@link LogHold#LARGEST_HELD_WRITE}. 10,000 took
     * a dry run 4.2 s and ~60 MB (issue 7). A committee's register is sent cell by cell or in parts of 5,000 lines.
     */
    private final int maxRows;

    public RegisterImportController(UnitDirectory units, MemberRegister register, Scope scope, CommandSender sender, Clock clock,
                                    @Value("${chibo.command.max-import-rows:5000}") int maxRows) {
        this.units = units;
        this.register = register;
        this.scope = scope;
        this.sender = sender;
        this.clock = clock;
        if (maxRows < 1 || maxRows > LogHold.LARGEST_WRITE) {
            throw new IllegalStateException("chibo.command.max-import-rows (CHIBO_MAX_IMPORT_ROWS) is " + maxRows + "; it must lie "
                    + "between 1 and " + LogHold.LARGEST_WRITE + ": an import's events are appended in one transaction, and "
                    + "the readers of the log keep track of " + vn.chibo.events.store.EventStoreLayout.GAP_WINDOW + " indexes at most");
        }
        this.maxRows = maxRows;
    }

    @PostMapping(BodyLimit.IMPORT)
    public ResponseEntity<?> importRegister(@RequestBody byte[] file, @RequestParam(defaultValue = "false") boolean dryRun,
                                            @RequestParam(required = false) String filename, Caller caller,
                                            HttpServletRequest request) {
        if (caller.role() != Role.PROVINCE && caller.role() != Role.CELL) {
            throw new RuleBroken(Problem.FORBIDDEN_ROLE, "Chỉ Ban Tổ chức hoặc chi bộ nhập danh sách đảng viên. (Province or cell only.)");
        }
        List<Line> lines = RegisterFile.read(filename, file, maxRows);
        if (lines.isEmpty()) {
            throw new RuleBroken(Problem.IMPORT_INVALID, "Tệp không có dòng dữ liệu nào (cần dòng tiêu đề và ít nhất một dòng). "
                    + "(The file has no data rows.)", "file");
        }
        List<LineError> errors = new ArrayList<>();
        // lines that would write outside the caller's scope: the whole file is then 403, before anything is judged
        List<LineError> denied = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        List<Object> commands = new ArrayList<>();
        List<Integer> commandLines = new ArrayList<>();
        List<UUID> commandCells = new ArrayList<>();
        Map<String, Integer> cards = new HashMap<>();
        // a cell's name is asked of the directory once per file, not once for each of its members' lines
        Map<String, List<UUID>> cellsNamed = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        for (Line line : lines) {
            int before = errors.size();
            String card = required(line, RegisterFile.CARD, "số thẻ", errors);
            String name = required(line, RegisterFile.NAME, "họ và tên", errors);
            LocalDate birth = date(line, RegisterFile.BIRTH, "ngày sinh", true, errors);
            LocalDate joined = date(line, RegisterFile.JOINED, "ngày vào Đảng", true, errors);
            LocalDate since = date(line, RegisterFile.SINCE, "ngày sinh hoạt tại chi bộ", false, errors);
            MemberStatus status = status(line, errors);
            UUID cell = cell(line, caller, cellsNamed, errors, denied);
            if (card != null && cards.putIfAbsent(card, line.number()) != null) {
                errors.add(new LineError(line.number(), RegisterFile.CARD, "Số thẻ " + card + " đã có ở dòng " + cards.get(card)
                        + ". (Card number listed twice.)"));
            }
            if (errors.size() > before || cell == null) {
                // a bad line, or one whose cell the caller may not write (in denied): nothing more to judge
                continue;
            }
            Optional<UUID> existing = register.memberWithCard(card);
            if (existing.isEmpty()) {
                UUID id = UUID.nameUUIDFromBytes(("member-card:" + card).getBytes(StandardCharsets.UTF_8));
                commands.add(new EnrolMember(id, cell, card, name, birth, joined, status, since == null ? joined : since));
                commandLines.add(line.number());
                commandCells.add(cell);
                plan.add(new Planned(line.number(), card, name, Action.CREATE, id, cell, null));
            } else {
                UUID from = register.cellOf(existing.get()).orElse(null);
                if (cell.equals(from)) {
                    plan.add(new Planned(line.number(), card, name, Action.LEAVE, existing.get(), cell, null));
                } else if (!mayMoveFrom(caller, from)) {
                    // a cell takes a member in from another cell by the transfer that cell (or the department) makes,
                    // not by naming the card in its own file; which cell holds the card is not said
                    denied.add(new LineError(line.number(), RegisterFile.CARD, "Đảng viên số thẻ " + card + " đang sinh hoạt ở "
                            + "chi bộ khác; việc chuyển sinh hoạt do chi bộ đó hoặc Ban Tổ chức thực hiện. "
                            + "(This card belongs to a member of another cell.)"));
                } else {
                    commands.add(new TransferMember(existing.get(), cell, since == null ? today : since,
                            "Nhập danh sách từ Cơ sở dữ liệu đảng viên", null));
                    commandLines.add(line.number());
                    commandCells.add(from);
                    plan.add(new Planned(line.number(), card, name, Action.MOVE, existing.get(), cell, from));
                }
            }
        }
        if (!denied.isEmpty()) {
            return refused(Problem.OUT_OF_SCOPE, denied, "Chưa nhập dòng nào, kể cả khi chạy thử. (Nothing of the file was applied.)");
        }
        if (!errors.isEmpty()) {
            return refused(errors);
        }
        Report report = new Report(dryRun, count(plan, Action.CREATE), count(plan, Action.MOVE), count(plan, Action.LEAVE), plan);
        try {
            if (dryRun) {
                sender.trial(commands, report::counts, caller, request, (i, e) -> lineRefused(commandLines.get(i), e));
            } else {
                sender.sendAll(commands, commandCells::get, report::counts, caller, request, HttpStatus.OK,
                        (i, e) -> lineRefused(commandLines.get(i), e));
            }
            return ResponseEntity.ok(report);
        } catch (LineRefused refused) {
            return refused(List.of(new LineError(refused.line, refused.rule.field(), refused.rule.detail())));
        }
    }

    /**
     * A line's command that failed: a rule it broke is the line's fault, and is answered with its line (422). Anything
     * else is not: a database that could not be reached (503, the file is sent again as it is), a member the register
     * names but the log does not hold (404), a fault of ours (500), each answered as any write's would be.
     */
    static RuntimeException lineRefused(int line, RuntimeException e) {
        return e instanceof RuleBroken rule ? new LineRefused(line, rule) : e;
    }

    /** The refusal of one line's command, carrying the line number out of the rolled-back transaction. */
    static final class LineRefused extends RuntimeException {
        private final int line;
        private final RuleBroken rule;

        LineRefused(int line, RuleBroken rule) {
            super(rule.getMessage(), rule);
            this.line = line;
            this.rule = rule;
        }
    }

    private static ResponseEntity<ProblemDetail> refused(List<LineError> errors) {
        return refused(Problem.IMPORT_INVALID, errors, "Chưa nhập dòng nào. (Nothing of the file was applied.)");
    }

    private static ResponseEntity<ProblemDetail> refused(Problem problem, List<LineError> errors, String outcome) {
        LineError first = errors.get(0);
        ProblemDetail body = ProblemBody.of(problem, "Dòng " + first.line() + ": " + first.detail()
                + (errors.size() > 1 ? " (và " + (errors.size() - 1) + " lỗi khác)" : "") + ". " + outcome, "line " + first.line());
        body.setProperty("errors", errors);
        return ProblemBody.response(body);
    }

    private static long count(List<Planned> plan, Action action) {
        return plan.stream().filter(p -> p.action() == action).count();
    }

    private static String required(Line line, String column, String label, List<LineError> errors) {
        String value = line.get(column);
        if (value == null) {
            errors.add(new LineError(line.number(), column, "thiếu " + label + " (missing " + column + ")"));
        }
        return value;
    }

    private static LocalDate date(Line line, String column, String label, boolean required, List<LineError> errors) {
        String value = required ? required(line, column, label, errors) : line.get(column);
        if (value == null) {
            return null;
        }
        try {
            return RegisterFile.date(value);
        } catch (DateTimeParseException e) {
            errors.add(new LineError(line.number(), column, label + " '" + value + "' không phải ngày dd/MM/yyyy (not a date)"));
            return null;
        }
    }

    private static MemberStatus status(Line line, List<LineError> errors) {
        String value = required(line, RegisterFile.STATUS, "loại đảng viên", errors);
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.forLanguageTag("vi"));
        if (v.equals("full") || v.startsWith("chính thức") || v.equals("chinh thuc")) {
            return MemberStatus.FULL;
        }
        if (v.equals("probationary") || v.startsWith("dự bị") || v.equals("du bi")) {
            return MemberStatus.PROBATIONARY;
        }
        errors.add(new LineError(line.number(), RegisterFile.STATUS, "loại đảng viên '" + value
                + "' phải là 'Chính thức' hoặc 'Dự bị' (FULL or PROBATIONARY)"));
        return null;
    }

    /** Moving a member out of a cell is a write to that cell: the department anywhere, a cell never by import. */
    private boolean mayMoveFrom(Caller caller, UUID from) {
        if (from == null) {
            return caller.role() == Role.PROVINCE;
        }
        try {
            scope.requireCellWrite(caller, from);
            return true;
        } catch (RuleBroken e) {
            return false;
        }
    }

    private UUID cell(Line line, Caller caller, Map<String, List<UUID>> cellsNamed, List<LineError> errors,
                      List<LineError> denied) {
        String value = required(line, RegisterFile.CELL, "chi bộ", errors);
        if (value == null) {
            return null;
        }
        UUID cell;
        try {
            cell = UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            List<UUID> named = cellsNamed.computeIfAbsent(value, units::cellsNamed);
            if (named.size() != 1) {
                errors.add(new LineError(line.number(), RegisterFile.CELL, named.isEmpty()
                        ? "không có chi bộ tên '" + value + "' (unknown cell)"
                        : "có " + named.size() + " chi bộ tên '" + value + "'; hãy dùng mã chi bộ (ambiguous cell name)"));
                return null;
            }
            cell = named.get(0);
        }
        try {
            scope.requireCellWrite(caller, cell);
        } catch (RuleBroken e) {
            (e.problem().status() == 403 ? denied : errors).add(new LineError(line.number(), RegisterFile.CELL, e.detail()));
            return null;
        }
        return cell;
    }
}
