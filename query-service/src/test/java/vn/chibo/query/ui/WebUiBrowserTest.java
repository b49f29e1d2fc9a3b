package vn.chibo.query.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.chibo.command.testing.Builders.account;
import static vn.chibo.command.testing.Builders.cell;
import static vn.chibo.command.testing.Builders.committee;
import static vn.chibo.command.testing.Builders.member;

import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import vn.chibo.query.eventstore.ProjectionProcessing;
import vn.chibo.query.testing.BothServicesTestBase;

/**
 * The web UI in Debian's Chromium (headless), as its users work: a cell secretary schedules a meeting, takes the
 * attendance and finalises the minutes; the department finds that meeting by drilling down, sees the flag of a
 * cell that did not meet, and exports the month's report as .xlsx. Screenshots go to target/screenshots.
 */
class WebUiBrowserTest extends BothServicesTestBase {
    private static final UUID PROVINCE = UUID.fromString("10000000-0000-4000-8000-000000000000");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired
    UiConfigController ui;
    @Autowired
    EventProcessingConfiguration processing;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;
    private UUID committee;
    private UUID binhMinh;
    private java.util.List<UUID> binhMinhMembers;
    /** The secretary's account; the test class shares one database, so each test has its own. */
    private String secretary;

    @BeforeEach
    void openBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        ui.commandUrl(commandApi().baseUrl());
        downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath());
        Files.createDirectories(Path.of("target", "screenshots"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,1800", "--lang=vi-VN",
                "--user-data-dir=" + Files.createTempDirectory("chibo-chromium").toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        committee = UUID.randomUUID();
        binhMinh = UUID.randomUUID();
        UUID dongHoa = UUID.randomUUID();
        commands.post("/api/org-units", committee(committee, "Đảng bộ xã Tân Phước", PROVINCE));
        commands.post("/api/org-units", cell(binhMinh, "Chi bộ ấp Bình Minh", committee));
        commands.post("/api/org-units", cell(dongHoa, "Chi bộ ấp Đông Hòa", committee));
        binhMinhMembers = new java.util.ArrayList<>();
        for (String name : new String[]{"Nguyễn Thị Minh Khai", "Trần Văn An", "Lê Thị Hồng Gấm"}) {
            UUID id = UUID.randomUUID();
            commands.post("/api/cells/" + binhMinh + "/members", member(id, name, null));
            binhMinhMembers.add(id);
        }
        commands.post("/api/cells/" + dongHoa + "/members", member(UUID.randomUUID(), "Phạm Văn Đồng", null));
        secretary = "bithu." + Long.toString(System.nanoTime() % 100000);
        assertThat(commands.post("/api/users", account(secretary, "CELL", binhMinh)).status()).isEqualTo(201);
        awaitJson(queries, "/api/cells/" + dongHoa + "/members", list -> list.size() == 1);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void login(String username, String password) {
        browser.get("http://localhost:" + port + "/#/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), username.equals("tinhuy") ? "PROVINCE" : "CELL"));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "screenshots", name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void type(WebElement form, String name, String text) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void a_secretary_records_a_meeting_and_the_department_finds_it_and_exports_the_month() throws Exception {
        login(secretary, "mat-khau-2026");
        wait.until(ExpectedConditions.textToBe(By.id("cell-name"), "Chi bộ ấp Bình Minh"));
        WebElement schedule = browser.findElement(By.id("schedule-form"));
        type(schedule, "date", "03/11/2026");
        type(schedule, "time", "08:00");
        type(schedule, "announcedDate", "28/10/2026");
        schedule.findElement(By.id("schedule-submit")).click();
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#calendar tr[data-meeting-id]")));
        assertThat(row.getText()).contains("03/11/2026 08:00").contains("Thường kỳ");
        screenshot("1-chi-bo");
        row.click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("attendance-submit"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("meeting-status"), "Đã họp"));
        WebElement minutes = browser.findElement(By.id("minutes-form"));
        type(minutes, "currentAffairs", "Tình hình kinh tế - xã hội tháng 10 của xã");
        type(minutes, "conclusions", "Chi bộ thống nhất nghị quyết tháng 11");
        minutes.findElement(By.id("minutes-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Bản nháp 1"));
        browser.findElement(By.id("minutes-finalize")).click();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Đã hoàn thành"));
        screenshot("2-buoi-sinh-hoat");

        browser.findElement(By.id("logout")).click();
        login("tinhuy", DEMO_PASSWORD);
        browser.get("http://localhost:" + port + "/#/dashboard?month=2026-11");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#units-table tr[data-unit-id='" + committee + "']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unit-title"), "Đảng bộ xã Tân Phước"));
        WebElement late = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[@id='compliance-table']//tr[td[1][normalize-space()='Chi bộ ấp Đông Hòa']]")));
        assertThat(late.findElement(By.cssSelector(".flag[data-flag='no-regular-meeting']")).getText())
                .isEqualTo("Chưa sinh hoạt thường kỳ");
        WebElement held = browser.findElement(By.xpath("//table[@id='compliance-table']//tr[td[1][normalize-space()='Chi bộ ấp Bình Minh']]"));
        assertThat(held.getText()).contains("03/11/2026").contains("Đã hoàn thành");
        screenshot("3-tong-hop");

        // an earlier run's file would pass for this one's (and Chromium would save this one under another name)
        Path report = downloads.resolve("sinh-hoat-chi-bo-2026-11.xlsx");
        Path csv = downloads.resolve("sinh-hoat-chi-bo-2026-11.csv");
        Files.deleteIfExists(report);
        Files.deleteIfExists(csv);
        browser.findElement(By.id("export-xlsx")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report) && Files.size(report) > 0);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new FileInputStream(report.toFile()))) {
            var sheet = workbook.getSheetAt(0);
            boolean found = false;
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                if ("Chi bộ ấp Bình Minh".equals(sheet.getRow(r).getCell(1).getStringCellValue())) {
                    assertThat(sheet.getRow(r).getCell(2).getStringCellValue()).isEqualTo("03/11/2026");
                    found = true;
                }
            }
            assertThat(found).as("the cell's row in the report").isTrue();
        }
        browser.findElement(By.id("export-csv")).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        byte[] csvBytes = Files.readAllBytes(csv);
        // Excel takes a CSV for UTF-8 only when it starts with the byte order mark
        assertThat(java.util.Arrays.copyOf(csvBytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(csvBytes, 3, csvBytes.length - 3, java.nio.charset.StandardCharsets.UTF_8))
                .doesNotStartWith("\uFEFF").contains("Chi bộ ấp Bình Minh").contains("Chi bộ ấp Đông Hòa");

        held.click();
        wait.until(ExpectedConditions.textToBe(By.id("cell-name"), "Chi bộ ấp Bình Minh"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#calendar tr[data-meeting-id]"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Đã hoàn thành"));
        assertThat(browser.findElement(By.name("conclusions")).getAttribute("value")).isEqualTo("Chi bộ thống nhất nghị quyết tháng 11");

        browser.findElement(By.id("history-link")).click();
        WebElement history = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("history")));
        assertThat(history.getText()).contains("lên lịch sinh hoạt thường kỳ ngày 03/11/2026").contains("hoàn thành biên bản")
                .contains(secretary);
        browser.findElement(By.cssSelector("#history tr[data-index='1']")).click();
        assertThat(browser.findElement(By.id("version-before")).getText()).contains("\"kind\": \"REGULAR\"")
                .doesNotContain("attendance");
        assertThat(browser.findElement(By.id("version-after")).getText()).contains("attendance");
        screenshot("6-lich-su-thay-doi");
    }

    @Test
    void a_refused_form_shows_the_problem_beside_the_field_and_keeps_what_was_typed() throws Exception {
        login(secretary, "mat-khau-2026");
        wait.until(ExpectedConditions.textToBe(By.id("cell-name"), "Chi bộ ấp Bình Minh"));
        WebElement schedule = browser.findElement(By.id("schedule-form"));
        type(schedule, "date", "05/11/2026");
        type(schedule, "announcedDate", "28/10/2026");
        type(schedule, "location", "Nhà văn hóa ấp");
        schedule.findElement(By.id("schedule-submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-error-for='reason']")));
        wait.until(d -> !error.getText().isBlank());
        assertThat(error.getText()).contains("ngày 3");
        assertThat(browser.findElement(By.name("location")).getAttribute("value")).isEqualTo("Nhà văn hóa ấp");
        assertThat(browser.findElement(By.name("date")).getAttribute("value")).isEqualTo("05/11/2026");
        screenshot("4-loi-bieu-mau");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("cell-name"), "Chi bộ ấp Bình Minh"));
        assertThat(browser.findElement(By.id("schedule-submit")).isDisplayed()).as("the form works on a phone screen").isTrue();
        screenshot("5-dien-thoai");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_task_whose_answers_the_line_drops_is_sent_again_with_its_key_and_applied_once() throws Exception {
        login(secretary, "mat-khau-2026");
        wait.until(ExpectedConditions.textToBe(By.id("cell-name"), "Chi bộ ấp Bình Minh"));
        // a weak line: the next four task writes reach the command-service, and their answers never come back
        ((JavascriptExecutor) browser).executeScript("""
                window.taskKeysSent = [];
                const realFetch = window.fetch;
                let dropped = 0;
                window.fetch = async (url, options) => {
                  if (String(url).endsWith('/tasks') && options && options.method === 'POST') {
                    window.taskKeysSent.push(options.headers['Idempotency-Key']);
                    const response = await realFetch(url, options);
                    if (dropped < 4) {
                      dropped++;
                      throw new TypeError('Failed to fetch');
                    }
                    return response;
                  }
                  return realFetch(url, options);
                };""");
        WebElement form = browser.findElement(By.id("task-form"));
        String title = "Vận động hộ nghèo đóng quỹ khuyến học " + System.nanoTime();
        String dueOn = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(30).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        type(form, "title", title);
        type(form, "dueOn", dueOn);
        form.findElement(By.id("task-submit")).click();

        // sent, then sent again by itself 1, 2 and 4 s later: no answer, so the form says so and keeps what was typed
        WebElement error = form.findElement(By.cssSelector("[data-error-for='form']"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !error.getText().isBlank());
        assertThat(error.getText()).contains("chưa biết").contains("nhấn lại nút");
        assertThat(form.findElement(By.name("title")).getAttribute("value")).isEqualTo(title);
        screenshot("7-mat-ket-noi");

        // the line is back, and the secretary presses the button again
        form.findElement(By.id("task-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Đã giao nhiệm vụ"));
        java.util.List<String> keys = (java.util.List<String>) ((JavascriptExecutor) browser).executeScript("return window.taskKeysSent");
        assertThat(keys).as("the first send, three by itself, one by hand").hasSize(5);
        assertThat(new java.util.HashSet<>(keys)).as("all under the key of the first").hasSize(1);
        long assigned = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE payload_type LIKE '%TaskAssigned' "
                + "AND convert_from(payload, 'UTF8') LIKE ?").param("%" + title + "%").query(Long.class).single();
        assertThat(assigned).as("five sends reached the service, one task was assigned").isEqualTo(1);
    }

    @Test
    void minutes_saved_meanwhile_on_another_device_are_not_overwritten_and_what_was_typed_stays() throws Exception {
        UUID meeting = heldMeetingOpenAsTheSecretary();
        WebElement minutes = browser.findElement(By.id("minutes-form"));

        // the deputy saves a draft from a phone while this page is open
        assertThat(commands.put("/api/meetings/" + meeting + "/minutes",
                Map.of("sections", Map.of("conclusions", "Bản của phó bí thư")))).satisfies(r -> assertThat(r.status()).isEqualTo(200));
        type(minutes, "conclusions", "Bản của bí thư");
        minutes.findElement(By.id("minutes-save")).click();
        WebElement error = minutes.findElement(By.cssSelector("[data-error-for='form']"));
        wait.until(d -> !error.getText().isBlank());
        assertThat(error.getText()).startsWith("Người khác vừa lưu bản ghi này");
        assertThat(browser.findElement(By.name("conclusions")).getAttribute("value")).isEqualTo("Bản của bí thư");
        assertThat(awaitJson(queries, "/api/meetings/" + meeting + "/minutes/versions", v -> v.size() > 0)).as("the deputy's draft stands alone")
                .singleElement().satisfies(v -> assertThat(v.get("sections").get("conclusions").asText()).isEqualTo("Bản của phó bí thư"));
        screenshot("7-bien-ban-vua-duoc-sua");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Bản nháp 1"));
        minutes = browser.findElement(By.id("minutes-form"));
        type(minutes, "conclusions", "Bản của phó bí thư, bí thư bổ sung");
        minutes.findElement(By.id("minutes-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Bản nháp 2"));
        browser.findElement(By.id("minutes-finalize")).click();
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Đã hoàn thành"));
    }

    /** A meeting held on 03/11 (scheduled and attended through the API), open in the browser as the cell's secretary. */
    private UUID heldMeetingOpenAsTheSecretary() {
        UUID meeting = UUID.randomUUID();
        assertThat(commands.post("/api/cells/" + binhMinh + "/meetings", Map.of("id", meeting, "kind", "REGULAR",
                "startsAt", "2026-11-03T01:00:00Z", "announcedAt", "2026-10-28T02:00:00Z", "location", "Hội trường ấp",
                "agenda", java.util.List.of("Thông tin thời sự"), "chairId", binhMinhMembers.get(0),
                "recorderId", binhMinhMembers.get(1))).status()).isEqualTo(201);
        assertThat(commands.put("/api/meetings/" + meeting + "/attendance", Map.of("present", binhMinhMembers, "absent",
                java.util.List.of(), "startedAt", "2026-11-03T01:00:00Z", "endedAt", "2026-11-03T03:00:00Z")).status()).isEqualTo(200);
        awaitJson(queries, "/api/meetings/" + meeting, v -> "HELD".equals(v.path("status").asText()));
        login(secretary, "mat-khau-2026");
        browser.get("http://localhost:" + port + "/#/meeting/" + meeting);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("minutes-form")));
        wait.until(ExpectedConditions.textToBe(By.id("minutes-status"), "Chưa có"));
        return meeting;
    }

    @Test
    void a_page_the_read_side_has_not_caught_up_with_says_so_and_a_save_from_it_is_refused() throws Exception {
        UUID meeting = heldMeetingOpenAsTheSecretary();
        PooledStreamingEventProcessor meetings = processing
                .eventProcessor(ProjectionProcessing.MEETINGS, PooledStreamingEventProcessor.class).orElseThrow();
        meetings.shutDown();
        try {
            WebElement minutes = browser.findElement(By.id("minutes-form"));
            type(minutes, "conclusions", "Bản nháp đầu");
            minutes.findElement(By.id("minutes-save")).click();
            WebElement behind = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice.bad")));
            assertThat(behind.getText()).startsWith("Trang chưa hiện kịp bản vừa lưu");
            assertThat(browser.findElement(By.id("minutes-status")).getText()).as("the page shows what the read side has")
                    .isEqualTo("Chưa có");
            minutes = browser.findElement(By.id("minutes-form"));
            type(minutes, "conclusions", "Bản nháp hai, từ trang chưa cập nhật");
            minutes.findElement(By.id("minutes-save")).click();
            WebElement error = minutes.findElement(By.cssSelector("[data-error-for='form']"));
            wait.until(d -> !error.getText().isBlank());
            assertThat(error.getText()).as("sent with the version the page shows, not its own last write's")
                    .startsWith("Người khác vừa lưu bản ghi này");
            screenshot("8-trang-chua-cap-nhat");
        } finally {
            meetings.start();
        }
        assertThat(awaitJson(queries, "/api/meetings/" + meeting + "/minutes/versions", v -> v.size() > 0))
                .singleElement().satisfies(v -> assertThat(v.get("sections").get("conclusions").asText()).isEqualTo("Bản nháp đầu"));
    }
}
