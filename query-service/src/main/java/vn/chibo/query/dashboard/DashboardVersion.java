package vn.chibo.query.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import vn.chibo.query.dashboard.DashboardViews.Compliance;

/**
 * How many times the dashboard's tables have changed (the projection counts each batch it commits), and the
 * last compliance pages of the size of a province, kept while nothing changed: the department's staff open the
 * same province page again and again, and building its 8,000 rows takes ~100 ms (issue 7). A page is kept for the
 * version and the day it was built for (overdue tasks depend on the day); any new event makes it be built again.
 */
@Component
public class DashboardVersion {
    /** Pages smaller than this are quick to build and are not kept. */
    static final int KEPT_FROM_ROWS = 500;
    private static final int KEPT_PAGES = 4;

    private record Key(UUID unitId, YearMonth month, LocalDate today) {
    }

    private record Kept(long version, Compliance page) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<Key, Kept> pages = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
            return size() > KEPT_PAGES;
        }
    };

    /** The dashboard's tables changed (called after the projection's transaction committed). */
    void changed() {
        version.incrementAndGet();
    }

    Compliance compliance(UUID unitId, YearMonth month, LocalDate today, Supplier<Compliance> build) {
        Key key = new Key(unitId, month, today);
        long before = version.get();
        synchronized (pages) {
            Kept kept = pages.get(key);
            if (kept != null && kept.version() == before) {
                return kept.page();
            }
        }
        Compliance page = build.get();
        if (page.rows().size() >= KEPT_FROM_ROWS) {
            synchronized (pages) {
                // read before the page was built: a change committed meanwhile makes the next request build it again
                pages.put(key, new Kept(before, page));
            }
        }
        return page;
    }
}
