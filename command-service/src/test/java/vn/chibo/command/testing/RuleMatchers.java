package vn.chibo.command.testing;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import vn.chibo.events.problem.Problem;
import vn.chibo.command.rules.RuleBroken;

/** Matches a refusal by its problem type, the thing clients branch on. */
public final class RuleMatchers {
    private RuleMatchers() {
    }

    public static Matcher<RuleBroken> refusedWith(Problem problem) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleBroken e) {
                return e.problem() == problem;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal of type " + problem.code());
            }
        };
    }
}
