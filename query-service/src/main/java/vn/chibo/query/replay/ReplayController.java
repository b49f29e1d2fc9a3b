package vn.chibo.query.replay;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.chibo.events.access.Caller;
import vn.chibo.events.access.Role;
import vn.chibo.events.problem.Problem;
import vn.chibo.query.web.QueryRefused;

/**
 * {@code POST /api/admin/replay} rebuilds every read model from the log (202, or 409 while one runs);
 * {@code GET /api/admin/replay} says how far it is, and once over how long it took and at how many events/s.
 */
@RestController
public class ReplayController {
    private final Replays replays;

    public ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/api/admin/replay")
    public ResponseEntity<Replays.Progress> start(Caller caller) {
        requireProvince(caller);
        boolean started;
        try {
            started = replays.start();
        } catch (Replays.ProjectedElsewhere e) {
            throw new QueryRefused(Problem.PROJECTED_ELSEWHERE, "Một máy khác của dịch vụ đọc đang cập nhật dữ liệu đọc: "
                    + "hãy dừng phần cập nhật ở máy đó rồi dựng lại. (Another instance projects into the read models: "
                    + "stop its projections, then replay.)", null);
        }
        if (!started) {
            throw new QueryRefused(Problem.REPLAY_RUNNING,
                    "Đang dựng lại dữ liệu đọc; chờ lần này xong. (A replay is already running.)", null);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.progress());
    }

    @GetMapping("/api/admin/replay")
    public Replays.Progress progress(Caller caller) {
        requireProvince(caller);
        return replays.progress();
    }

    private static void requireProvince(Caller caller) {
        if (caller.role() != Role.PROVINCE) {
            throw new QueryRefused(Problem.OUT_OF_SCOPE,
                    "Chỉ Ban Tổ chức Tỉnh ủy dựng lại dữ liệu đọc. (Province only.)", null);
        }
    }
}
