package vn.chibo.command.orgunit;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.OrgUnitCommands.BookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.RebookMeeting;
import vn.chibo.command.orgunit.OrgUnitCommands.ReleaseMeeting;
import vn.chibo.command.rules.CellCalendar;
import vn.chibo.events.meeting.MeetingKind;

/**
 * The cell's calendar as a meeting reaches it: a command to the cell aggregate, sent from inside the meeting's
 * command. Axon runs it in a nested unit of work of the same transaction, so the meeting's events and the
 * calendar's commit together or not at all, and two meetings racing for one month clash on the cell's version.
 */
@Component
public class CalendarCommands implements CellCalendar {
    private final CommandGateway gateway;

    public CalendarCommands(@Lazy CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Booking book(UUID cellId, UUID meetingId, MeetingKind kind, LocalDate date, String offDayReason,
                        UUID presenterId, String presenterReason, List<UUID> summoned) {
        return send(new BookMeeting(cellId, meetingId, kind, date, offDayReason, presenterId, presenterReason, summoned));
    }

    @Override
    public Booking rebook(UUID cellId, UUID meetingId, LocalDate date, String offDayReason) {
        return send(new RebookMeeting(cellId, meetingId, date, offDayReason));
    }

    @Override
    public void release(UUID cellId, UUID meetingId) {
        send(new ReleaseMeeting(cellId, meetingId));
    }

    /** Sends with the metadata of the command being handled, so the calendar's events name the same actor. */
    private <R> R send(Object command) {
        MetaData metadata = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getMessage().getMetaData() : MetaData.emptyInstance();
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }
}
