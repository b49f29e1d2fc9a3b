package vn.chibo.command.orgunit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import vn.chibo.command.orgunit.OrgUnitCommands.RegisterOrgUnit;
import vn.chibo.command.rules.OrgTree;
import vn.chibo.command.ruleset.RuleBook;
import vn.chibo.command.ruleset.RuleSetCommands.PublishRuleSet;
import vn.chibo.command.ruleset.RuleSetDirectory;
import vn.chibo.command.security.Accounts;
import vn.chibo.events.EventMetadata;
import vn.chibo.events.access.Role;
import vn.chibo.events.organisation.OrgUnitKind;

/**
 * The root of the tree exists before anyone logs in: the province (Tỉnh ủy) of this deployment, from
 * {@code chibo.province.id} and {@code .name}, with the default rule set of DESIGN §4. When {@code chibo.bootstrap.admin-password} is set and no
 * account {@code admin} exists, the first department account is created with it.
 */
@Component
@Order(1)
public class ProvinceBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ProvinceBootstrap.class);

    /** The default rules judge everything entered from the past, paper minutes included. */
    static final LocalDate DEFAULT_RULES_FROM = LocalDate.of(2000, 1, 1);

    private final CommandGateway gateway;
    private final RuleSetDirectory ruleSets;
    private final OrgTree tree;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final UUID provinceId;
    private final String provinceName;
    private final String adminPassword;

    public ProvinceBootstrap(CommandGateway gateway, RuleSetDirectory ruleSets, OrgTree tree, Accounts accounts, PasswordEncoder passwords,
                             @Value("${chibo.province.id}") UUID provinceId,
                             @Value("${chibo.province.name}") String provinceName,
                             @Value("${chibo.bootstrap.admin-password:}") String adminPassword) {
        this.gateway = gateway;
        this.ruleSets = ruleSets;
        this.tree = tree;
        this.accounts = accounts;
        this.passwords = passwords;
        this.provinceId = provinceId;
        this.provinceName = provinceName;
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tree.kindOf(provinceId).isEmpty()) {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new RegisterOrgUnit(provinceId, provinceName, OrgUnitKind.PROVINCE, null, null))
                    .andMetaData(systemMetadata("bootstrap")));
            log.info("Registered the province {} ({})", provinceName, provinceId);
        }
        if (ruleSets.isEmpty()) {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new PublishRuleSet(RuleBook.idFor(provinceId),
                    DEFAULT_RULES_FROM, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    "Bộ quy định khởi tạo theo DESIGN §4")).andMetaData(systemMetadata("bootstrap")));
            log.info("Published the default rule set, in force from {}", DEFAULT_RULES_FROM);
        }
        if (!adminPassword.isBlank() && accounts.find("admin").isEmpty()) {
            accounts.create("admin", passwords.encode(adminPassword), "Quản trị Ban Tổ chức", Role.PROVINCE, provinceId, "bootstrap");
            log.info("Created the first department account 'admin'");
        }
    }

    /** Metadata of commands sent by the platform itself rather than a user. */
    public static Map<String, Object> systemMetadata(String actor) {
        return Map.of(EventMetadata.ACTOR, actor, EventMetadata.ACTOR_ROLE, Role.SYSTEM.name(),
                EventMetadata.CORRELATION_ID, UUID.randomUUID().toString(),
                EventMetadata.SERVER_TIME, Instant.now().toString());
    }
}
