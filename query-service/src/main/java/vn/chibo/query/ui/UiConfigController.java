package vn.chibo.query.ui;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web UI (one page, {@code /}, in Vietnamese) lives in the query-service; this tells it where the
 * command-service is, as the user's browser reaches it.
 */
@RestController
public class UiConfigController {
    private volatile String commandUrl;

    public UiConfigController(@Value("${chibo.ui.command-url}") String commandUrl) {
        this.commandUrl = commandUrl;
    }

    @GetMapping(path = "/ui/config.js", produces = "application/javascript")
    public ResponseEntity<String> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType("application/javascript;charset=UTF-8"))
                .body("window.CHIBO = {commandUrl: '" + commandUrl.replace("'", "") + "'};\n");
    }

    /** For tests that start the command-service after this one, on a port known only then. */
    public void commandUrl(String url) {
        this.commandUrl = url;
    }
}
