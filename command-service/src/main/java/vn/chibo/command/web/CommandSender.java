package vn.chibo.command.web;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.servlet.http.HttpServletRequest;

import vn.chibo.command.audit.AccessLogFilter;
import vn.chibo.command.eventstore.AppendedVersions;
import vn.chibo.command.eventstore.LogHold;
import vn.chibo.command.idempotency.IdempotencyFilter;
import vn.chibo.command.idempotency.IdempotentWrite;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.events.EventMetadata;
import vn.chibo.events.access.Caller;

/**
 * Sends a command on behalf of an HTTP request: adds the request's metadata (who, which cell, correlation id,
 * client and server time, idempotency key), runs it in one transaction with the idempotency record, and
 * answers with the aggregate's new version.
 */
@Component
public class CommandSender {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String CLIENT_TIME_HEADER = "X-Client-Time";

    private final CommandGateway gateway;
    private final EventStore eventStore;
    private final IdempotentWrite write;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final LogHold logHold;

    public CommandSender(CommandGateway gateway, EventStore eventStore, IdempotentWrite write, Clock clock,
                         TransactionTemplate transaction, LogHold logHold) {
        this.gateway = gateway;
        this.eventStore = eventStore;
        this.write = write;
        this.clock = clock;
        this.transaction = transaction;
        this.logHold = logHold;
    }

    /** Sends {@code command} to the aggregate {@code aggregateId}; {@code cellId} is the cell the record belongs to. */
    public ResponseEntity<WriteResult> send(Object command, UUID aggregateId, UUID cellId, Caller caller,
                                            HttpServletRequest request, HttpStatus status) {
        return send(command, aggregateId, aggregateId, cellId, caller, request, status);
    }

    /** As above, answering with {@code answerId} (a vote's id, say) and the version of the aggregate it changed. */
    public ResponseEntity<WriteResult> send(Object command, UUID aggregateId, UUID answerId, UUID cellId, Caller caller,
                                            HttpServletRequest request, HttpStatus status) {
        Map<String, Object> metadata = metadata(caller, cellId, request);
        return write.run(caller.username(), status, () -> {
            AppendedVersions.start();
            Map<String, Long> appended;
            try {
                gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
            } finally {
                appended = AppendedVersions.stop();
            }
            Long version = appended.get(aggregateId.toString());
            // a command that changed nothing published no event: ask the store
            return WriteResult.of(answerId, version != null ? version : eventStore.lastSequenceNumberFor(aggregateId.toString()).orElse(-1L));
        });
    }

    /**
     * Sends several commands as one write: one transaction, so either every command is applied or none is (a bulk
     * submission of a cell's ratings). {@code answer} is what the request is answered with, and what a retry with
     * the same Idempotency-Key gets again. {@code onFailure} turns the failure of command i into the answer (naming
     * the item that was refused).
     */
    public <T> ResponseEntity<T> sendAll(List<?> commands, Supplier<T> answer, UUID cellId, Caller caller,
                                         HttpServletRequest request, HttpStatus status,
                                         BiFunction<Integer, RuntimeException, RuntimeException> onFailure) {
        return sendAll(commands, i -> cellId, answer, caller, request, status, onFailure);
    }

    /**
     * As above, each command with the cell it writes to ({@code cellOf.apply(i)}, kept in its events' metadata: a
     * register import's lines are of several cells, and each cell's audit log shows the lines that touched it). More than
     * {@link LogHold#HOLD_ABOVE} commands are appended while no other write commits ({@link LogHold}), and more than
     * {@link LogHold#LARGEST_WRITE} are refused.
     */
    public <T> ResponseEntity<T> sendAll(List<?> commands, IntFunction<UUID> cellOf, Supplier<T> answer, Caller caller,
                                         HttpServletRequest request, HttpStatus status,
                                         BiFunction<Integer, RuntimeException, RuntimeException> onFailure) {
        if (commands.size() > LogHold.LARGEST_WRITE) {
            throw new IllegalArgumentException(commands.size() + " commands in one write; at most " + LogHold.LARGEST_WRITE);
        }
        Map<String, Object> metadata = metadata(caller, null, request);
        // one map per cell, not one per command: a sheet's 25 ratings share theirs
        Map<UUID, Map<String, Object>> ofCell = new HashMap<>();
        return write.run(caller.username(), status, () -> {
            if (commands.size() > LogHold.HOLD_ABOVE) {
                logHold.holdUntilCommit();
            }
            sendEach(commands, i -> ofCell.computeIfAbsent(cellOf.apply(i), cell -> withCell(metadata, cell)), onFailure);
            return answer.get();
        });
    }

    /**
     * Runs the commands as {@link #sendAll} would, then rolls everything back: a dry run that the aggregates judge
     * exactly as a real one, and that writes no event. Its {@code answer} is then kept under the request's
     * Idempotency-Key, if it has one, like any write's: the key cannot serve another request afterwards.
     */
    public void trial(List<?> commands, Supplier<?> answer, Caller caller, HttpServletRequest request,
                      BiFunction<Integer, RuntimeException, RuntimeException> onFailure) {
        Map<String, Object> metadata = metadata(caller, null, request);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            sendEach(commands, i -> metadata, onFailure);
        });
        write.run(caller.username(), HttpStatus.OK, answer);
    }

    /**
     * The commands run inside one enclosing unit of work: each is judged on its own (and a refusal names its item),
     * but their events are appended together when the enclosing unit commits, in one JDBC batch instead of one
     * round trip per command (measured in issue 7).
     */
    private void sendEach(List<?> commands, IntFunction<Map<String, Object>> metadata,
                          BiFunction<Integer, RuntimeException, RuntimeException> onFailure) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            for (int i = 0; i < commands.size(); i++) {
                try {
                    gateway.sendAndWait(GenericCommandMessage.asCommandMessage(commands.get(i)).andMetaData(metadata.apply(i)));
                } catch (RuntimeException e) {
                    throw onFailure.apply(i, e);
                }
            }
        } catch (RuntimeException | Error e) {
            // an Error too: a unit of work left started would swallow every later command on this thread
            batch.rollback(e);
            throw e;
        }
        batch.commit();
    }

    /**
     * The version the client last read ({@code If-Match: "3"}), for commands that must not overwrite a change
     * made since; null when the client did not say.
     */
    public static Long expectedVersion(HttpServletRequest request) {
        String value = request.getHeader("If-Match");
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        try {
            return Long.parseLong(value.strip().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new RuleBroken(Problem.INVALID_VALUE,
                    "If-Match phải là số phiên bản, ví dụ \"3\". (If-Match must be a version number.)", "If-Match");
        }
    }

    /** A copy of the request's metadata with the cell a command writes to (none: the metadata itself). */
    private static Map<String, Object> withCell(Map<String, Object> metadata, UUID cellId) {
        if (cellId == null) {
            return metadata;
        }
        Map<String, Object> of = new HashMap<>(metadata);
        putCell(of, cellId);
        return of;
    }

    /** The cell goes into the events' metadata, and is the unit a refusal is logged under unless a scope check named one. */
    private static void putCell(Map<String, Object> metadata, UUID cellId) {
        metadata.put(EventMetadata.CELL_ID, cellId.toString());
        AccessLogFilter.rememberTargetUnlessKnown(cellId);
    }

    private Map<String, Object> metadata(Caller caller, UUID cellId, HttpServletRequest request) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR, caller.username());
        metadata.put(EventMetadata.ACTOR_ROLE, caller.role().name());
        if (cellId != null) {
            putCell(metadata, cellId);
        }
        String correlation = request.getHeader(CORRELATION_HEADER);
        metadata.put(EventMetadata.CORRELATION_ID,
                correlation == null || correlation.isBlank() || correlation.length() > 100
                        ? UUID.randomUUID().toString() : correlation.strip());
        String clientTime = request.getHeader(CLIENT_TIME_HEADER);
        if (clientTime != null) {
            try {
                metadata.put(EventMetadata.CLIENT_TIME, Instant.parse(clientTime.strip()).toString());
            } catch (DateTimeParseException e) {
                throw new RuleBroken(Problem.INVALID_VALUE,
                        "X-Client-Time phải là thời điểm ISO-8601, ví dụ 2026-12-03T08:00:00Z. (ISO-8601 instant expected.)",
                        CLIENT_TIME_HEADER);
            }
        }
        metadata.put(EventMetadata.SERVER_TIME, clock.instant().toString());
        String key = request.getHeader(IdempotencyFilter.HEADER);
        if (key != null) {
            metadata.put(EventMetadata.IDEMPOTENCY_KEY, key.strip());
        }
        return metadata;
    }
}
