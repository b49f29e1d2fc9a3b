package vn.chibo.command.orgunit;

import static vn.chibo.command.testing.RuleMatchers.refusedWith;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.chibo.command.orgunit.OrgUnitCommands.ChangeCellSettings;
import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;
import vn.chibo.command.testing.FakeOrgTree;
import vn.chibo.events.organisation.CellSettingsChanged;
import vn.chibo.events.organisation.OrgUnitKind;
import vn.chibo.events.organisation.OrgUnitRegistered;

class OrgUnitTest {
    private static final UUID PROVINCE = UUID.randomUUID();
    private static final UUID COMMITTEE = UUID.randomUUID();
    private static final UUID CELL = UUID.randomUUID();

    private AggregateTestFixture<OrgUnit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrgUnit.class);
        fixture.registerInjectableResource(new FakeOrgTree()
                .unit(PROVINCE, OrgUnitKind.PROVINCE, null)
                .unit(COMMITTEE, OrgUnitKind.COMMITTEE, PROVINCE)
                .unit(CELL, OrgUnitKind.CELL, COMMITTEE));
    }

    @Test
    void a_cell_under_a_committee_is_registered_with_the_regular_day_the_3rd() {
        UUID id = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(id, " Chi bộ ấp Bình Minh ", OrgUnitKind.CELL, COMMITTEE, null))
                .expectEvents(new OrgUnitRegistered(id, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3));
    }

    @Test
    void a_committee_under_a_committee_is_registered_at_any_depth() {
        UUID id = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(id, "Đảng bộ Khối cơ quan", OrgUnitKind.COMMITTEE, COMMITTEE, null))
                .expectEvents(new OrgUnitRegistered(id, "Đảng bộ Khối cơ quan", OrgUnitKind.COMMITTEE, COMMITTEE, null));
    }

    @Test
    void nothing_is_registered_under_a_cell() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(UUID.randomUUID(), "Tổ đảng", OrgUnitKind.CELL, CELL, null))
                .expectException(RuleBroken.class)
                .expectException(refusedWith(Problem.INVALID_PARENT))
                .expectNoEvents();
    }

    @Test
    void an_unknown_parent_is_refused_as_not_found() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(UUID.randomUUID(), "Chi bộ mới", OrgUnitKind.CELL, UUID.randomUUID(), null))
                .expectException(refusedWith(Problem.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void a_committee_needs_a_parent_and_a_province_has_none() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(UUID.randomUUID(), "Đảng bộ mồ côi", OrgUnitKind.COMMITTEE, null, null))
                .expectException(refusedWith(Problem.INVALID_PARENT));
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(UUID.randomUUID(), "Tỉnh ủy", OrgUnitKind.PROVINCE, COMMITTEE, null))
                .expectException(refusedWith(Problem.INVALID_PARENT));
    }

    @Test
    void only_a_cell_has_a_regular_day() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrgUnit(UUID.randomUUID(), "Đảng bộ xã", OrgUnitKind.COMMITTEE, PROVINCE, 5))
                .expectException(refusedWith(Problem.NOT_A_CELL));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 29, 31, -1})
    void a_regular_day_outside_1_to_28_is_refused(int day) {
        fixture.given(new OrgUnitRegistered(CELL, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3))
                .when(new ChangeCellSettings(CELL, day, null))
                .expectException(refusedWith(Problem.INVALID_REGULAR_DAY))
                .expectNoEvents();
    }

    @Test
    void a_new_regular_day_keeps_the_previous_one_in_the_event() {
        fixture.given(new OrgUnitRegistered(CELL, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3))
                .when(new ChangeCellSettings(CELL, 5, null))
                .expectEvents(new CellSettingsChanged(CELL, 5, 3));
    }

    @Test
    void the_same_regular_day_again_changes_nothing() {
        fixture.given(new OrgUnitRegistered(CELL, "Chi bộ ấp Bình Minh", OrgUnitKind.CELL, COMMITTEE, 3))
                .when(new ChangeCellSettings(CELL, 3, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_committee_has_no_cell_settings() {
        fixture.given(new OrgUnitRegistered(COMMITTEE, "Đảng bộ xã", OrgUnitKind.COMMITTEE, PROVINCE, null))
                .when(new ChangeCellSettings(COMMITTEE, 5, null))
                .expectException(refusedWith(Problem.NOT_A_CELL));
    }
}
