package vn.chibo.command.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import vn.chibo.command.member.MemberCommands.EnrolMember;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.command.orgunit.ProvinceBootstrap;
import vn.chibo.command.rules.CellRoster;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.events.EventMetadata;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * Loads {@link DemoProvince} through the ordinary commands, once (profile {@code demo}; {@code CHIBO_DEMO_SEED=false}
 * keeps the demo accounts but loads no province, as the benchmark wants).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "chibo.demo.seed", havingValue = "true", matchIfMissing = true)
@Order(2)
public class DemoSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final CommandGateway gateway;
    private final OrgTree tree;
    private final Clock clock;
    private final CellRoster roster;

    public DemoSeeder(CommandGateway gateway, OrgTree tree, Clock clock, CellRoster roster) {
        this.gateway = gateway;
        this.tree = tree;
        this.clock = clock;
        this.roster = roster;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tree.kindOf(DemoProvince.FIRST_CELL).isPresent()) {
            log.info("Demo province already loaded");
            return;
        }
        var units = DemoProvince.units();
        var members = DemoProvince.members();
        for (RegisterOrgUnit unit : units) {
            send(unit, unit.kind() == OrgUnitKind.CELL ? unit.unitId() : null);
        }
        for (EnrolMember member : members) {
            send(member, member.cellId());
        }
        LocalDate today = LocalDate.now(clock);
        int meetings = 0;
        int work = 0;
        Map<UUID, LocalDate> movedOut = DemoWork.movedOut(members, today);
        DemoWork.transfers(members, today).forEach(c -> send(c, null));
        for (int n = 1; n <= 20; n++) {
            UUID cellId = DemoProvince.cellId(n);
            List<EnrolMember> ofCell = members.stream().filter(m -> m.cellId().equals(cellId)).toList();
            List<Object> commands = DemoMeetings.forCell(n, cellId, ofCell, today, movedOut, roster);
            commands.forEach(c -> send(c, cellId));
            meetings += commands.isEmpty() ? 0 : 1;
            List<Object> records = DemoWork.forCell(n, cellId, ofCell, today, movedOut);
            records.forEach(c -> send(c, cellId));
            work += records.size();
        }
        log.info("Demo province loaded: {} units, {} members, {} meetings of last month, {} ratings, tasks, checks and "
                + "feedback", units.size(), members.size(), meetings, work);
    }

    private void send(Object command, UUID cellId) {
        Map<String, Object> metadata = new HashMap<>(ProvinceBootstrap.systemMetadata("demo-seeder"));
        if (cellId != null) {
            metadata.put(EventMetadata.CELL_ID, cellId.toString());
        }
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }
}
