package vn.chibo.command.rules;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The province's register of members as the write side needs it: who holds a card, who is in which cell. */
public interface MemberRegister {
    Optional<UUID> memberWithCard(String cardNumber);

    Optional<UUID> cellOf(UUID memberId);

    /** The cells of those of {@code memberIds} who are members (unknown ones are left out), looked up together. */
    Map<UUID, UUID> cellsOf(Collection<UUID> memberIds);
}
