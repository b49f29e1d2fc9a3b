package vn.chibo.command.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import vn.chibo.events.meeting.MinutesSections;

/** What an amendment changes: the sections it gives (non-null) replace the current ones. */
public record MinutesChange(MinutesSections result, List<String> changed) {

    public static MinutesChange between(MinutesSections current, MinutesSections amendment) {
        List<String> changed = new ArrayList<>();
        MinutesSections result = new MinutesSections(
                pick("currentAffairs", current, amendment, MinutesSections::currentAffairs, changed),
                pick("policies", current, amendment, MinutesSections::policies, changed),
                pick("thinking", current, amendment, MinutesSections::thinking, changed),
                pick("lastMonthReview", current, amendment, MinutesSections::lastMonthReview, changed),
                pick("selfCriticism", current, amendment, MinutesSections::selfCriticism, changed),
                pick("discussion", current, amendment, MinutesSections::discussion, changed),
                pick("conclusions", current, amendment, MinutesSections::conclusions, changed),
                pick("nextMonthTasks", current, amendment, MinutesSections::nextMonthTasks, changed));
        return new MinutesChange(result, List.copyOf(changed));
    }

    private static <T> T pick(String name, MinutesSections current, MinutesSections amendment,
                              Function<MinutesSections, T> section, List<String> changed) {
        T now = section.apply(current);
        T given = section.apply(amendment);
        if (given == null || Objects.equals(given, now)) {
            return now;
        }
        changed.add(name);
        return given;
    }
}
