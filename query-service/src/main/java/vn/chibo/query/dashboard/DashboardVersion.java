package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chibo.query.dashboard.DashboardViews.Compliance;

/**
 * How many times the dashboard's tables have changed (the projection counts each batch it commits), and the
 * last compliance pages of the size of a province, kept while nothing changed: the department's staff open the
 * same province page again and again, and building its 8,000 rows takes ~100 ms (issue 7). A page is kept for the
 * version and the day it was built for (overdue tasks depend on the day); any new event makes it be built again.
 * <p>
 * Every page also gets a tag from the same version ({@code ETag}): a browser that still holds the page asks with it
 * and is told "not modified" without the page being built or sent. The tag names the unit, month and day (a browser
 * shared by two users of a commune office asks for the same address for each) and this instance's start (the count
 * begins again at each start).
 */
@Component
public class DashboardVersion {
    /** Pages smaller than this are quick to build and are not kept. */
    static final int KEPT_FROM_ROWS = 500;
    /** A province's page kept holds, besides its rows, 4.9 MB of JSON and 0.56 MB gzipped once asked for. */
    private static final int KEPT_PAGES = 4;

    /** A page as a caller asks for it: the unit, the month, and today (overdue tasks depend on the day). */
    record Asked(UUID unitId, YearMonth month, LocalDate today) {
    }

    /** Which start of this service a tag comes from. */
    private final String started = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

    private final KeptByVersion<Asked, CompliancePage> pages = new KeptByVersion<>(KEPT_PAGES);
    private final ObjectMapper json;

    public DashboardVersion(ObjectMapper json) {
        this.json = json;
    }

    /** The dashboard's tables changed (called after the projection's transaction committed). */
    void changed() {
        pages.changed();
    }

    /** The tag the page would have if built now: a browser's copy with this tag is the page as it is now. */
    String etag(Asked asked) {
        return etag(asked, pages.version());
    }

    private String etag(Asked asked, long at) {
        return String.format(Locale.ROOT, "W/\"%s.%s.%s.%s.%d\"", asked.unitId(), asked.month(), asked.today(), started, at);
    }

    /** The page {@code asked} for as JSON: kept, or built by {@code build} and written out. */
    CompliancePage compliance(Asked asked, Supplier<Compliance> build) {
        // read before the page is built, and its tag made of it: a change committed meanwhile builds the next ask again
        // and gives it a new tag
        long before = pages.version();
        return pages.get(asked, before, () -> CompliancePage.of(build.get(), etag(asked, before), json),
                page -> page.rows() >= KEPT_FROM_ROWS);
    }
}
