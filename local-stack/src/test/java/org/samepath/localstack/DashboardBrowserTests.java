package org.samepath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.ProfileFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The coordinator dashboard in a real browser (Debian's headless Chromium through chromedriver) against the whole
 * system: sign-in through the development issuer (authorization code + PKCE), live updates without a reload, actions
 * from the page reflected in the APIs, and the people who must not get in. The last test seeds the demo data and
 * saves a screenshot to {@code local-stack/target/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration LIVE = Duration.ofSeconds(20);

    private StackTestSupport system;
    private WebDriver browser;
    private Path profileDirectory;

    @BeforeAll
    void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(".ci/run must install chromium and chromium-driver for the browser tests");
        }
        Assumptions.assumeTrue(installed, "Debian's chromium and chromium-driver are not installed");
        // Its own broker and database: the demo data it seeds would otherwise meet later test classes' newcomers.
        system = StackTestSupport.startOnItsOwnInfrastructure();
        profileDirectory = Files.createTempDirectory("samepath-chromium");
        browser = headlessChromium(profileDirectory);
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
        if (profileDirectory != null) {
            try (var files = Files.walk(profileDirectory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void aCoordinatorSignsInWatchesRequestsAndFlagsArriveLiveAcknowledgesAndApprovesFromThePage() {
        String pendingMentor = StackTestSupport.newPersonId();
        assertThat(system.putProfile(
                                pendingMentor,
                                "MENTOR",
                                ProfileFixtures.mentor("Priya", pendingMentor + "@example.org"))
                        .status())
                .isEqualTo(201);
        StackTestSupport.awaitDocument(system.people(), pendingMentor);

        signIn("coordinator");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Samepath coordinators");
        awaitLive();
        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(rowKeys("pending-table")).contains(pendingMentor));
        ((JavascriptExecutor) browser).executeScript("window.samepathNoReload = true;");
        int waitlistedBefore = tile("WAITLISTED");

        // A newcomer whose must-have language no mentor speaks: waitlisted, and shown without a reload.
        String newcomer = StackTestSupport.newPersonId();
        assertThat(system.putProfile(
                                newcomer,
                                "NEWCOMER",
                                ProfileFixtures.newcomer("Nora", newcomer + "@example.org")
                                        .replace("\"value\": \"es\"", "\"value\": \"ka\"")
                                        .replace("[\"en\", \"es\"]", "[\"ka\"]"))
                        .status())
                .isEqualTo(201);
        StackTestSupport.awaitDocument(system.people(), newcomer);
        String newcomerToken = system.token(newcomer, "NEWCOMER");
        Response submitted = system.api(RunningStack.MATCHING).post("/api/v1/match-requests", newcomerToken, "{}");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String requestId = submitted.json().get("id").asString();
        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(rowKeys("waitlist-table")).contains(requestId);
            assertThat(tile("WAITLISTED")).isEqualTo(waitlistedBefore + 1);
        });

        // The newcomer asks for urgent support: the alert appears on the open page.
        Response support = system.api(RunningStack.PROFILE).post("/api/v1/support-requests", newcomerToken, "{}");
        assertThat(support.status()).as(support.toString()).isEqualTo(201);
        String alertRow = await().atMost(LIVE).until(() -> alertRowTextAbout(newcomer), row -> row != null);
        assertThat(alertRow).contains("Urgent support").contains("Awaiting acknowledgement");

        // Keyboard, not mouse: the page's actions are real buttons that Enter activates.
        actOnLiveRow("#alerts-table tbody tr", newcomer, button -> button.sendKeys(Keys.ENTER));
        ApiClient matching = system.api(RunningStack.MATCHING);
        String coordinatorToken = system.token("another-coordinator", "COORDINATOR");
        await().atMost(LIVE).untilAsserted(() -> {
            JsonNode alert =
                    alertAbout(matching.get("/api/v1/alerts", coordinatorToken).json(), newcomer);
            assertThat(alert).isNotNull();
            assertThat(alert.path("acknowledgedBy").asString("")).isEqualTo("coordinator");
        });
        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(alertRowTextAbout(newcomer)).contains("Acknowledged by coordinator"));

        // Approving the pending mentor from the page goes to profile-service with the coordinator's own token.
        actOnLiveRow("#pending-table tr[data-key='" + pendingMentor + "']", pendingMentor, WebElement::click);
        ApiClient profiles = system.api(RunningStack.PROFILE);
        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(liveText("#action-result"))
                    .as("what the page told the coordinator")
                    .doesNotStartWith("Could not");
            JsonNode approved = profiles.get("/api/v1/mentors?status=APPROVED", coordinatorToken)
                    .json();
            assertThat(approved.toString()).contains(pendingMentor);
        });
        await().atMost(LIVE)
                .untilAsserted(() -> assertThat(rowKeys("pending-table")).doesNotContain(pendingMentor));
        JsonNode audit = profiles.get("/api/v1/profiles/" + pendingMentor + "/audit", coordinatorToken)
                .json();
        assertThat(audit.toString()).as("approved by the signed-in coordinator").contains("coordinator");

        assertThat(((JavascriptExecutor) browser).executeScript("return window.samepathNoReload === true;"))
                .as("every change arrived without a page reload")
                .isEqualTo(true);
    }

    @Test
    @Order(2)
    void aMentorWhoSignsInAndAnyoneNotSignedInAreKeptOut() throws Exception {
        signOut();
        signIn("mentor");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This dashboard is for coordinators");
        assertThat(browser.findElements(By.id("alerts-table"))).isEmpty();
        signOut();

        HttpClient noSession = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String dashboard = system.stack().url(RunningStack.MATCHING) + "/dashboard";
        HttpResponse<String> anonymous = noSession.send(
                HttpRequest.newBuilder(URI.create(dashboard)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/oauth2/authorization/samepath");
        HttpResponse<String> mentorToken = noSession.send(
                HttpRequest.newBuilder(URI.create(dashboard))
                        .header("Authorization", "Bearer " + system.token("mentor-7", "MENTOR"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mentorToken.statusCode()).as("a token is not a sign-in").isEqualTo(302);
        ApiClient matching = system.api(RunningStack.MATCHING);
        assertThat(matching.get("/api/v1/dashboard", system.token("mentor-7", "MENTOR"))
                        .status())
                .isEqualTo(403);
        assertThat(matching.get("/api/v1/dashboard", null).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void withDemoDataTheDashboardComesAliveAndAScreenshotIsSaved() throws IOException {
        System.out.println(DemoData.seed(system.stack()));
        signOut();
        signIn("coordinator");
        awaitLive();
        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(tile("WAITLISTED")).isPositive();
            assertThat(Integer.parseInt(liveText("#active-matches"))).isPositive();
            assertThat(rowKeys("pending-table")).contains("demo-mentor-13", "demo-mentor-14");
            assertThat(liveText("#alerts-awaiting")).isNotEqualTo("0");
        });
        assertAccessibleStructure();
        Path screenshot = LocalStack.projectRoot().resolve("local-stack/target/dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    /** What a screen-reader or keyboard user relies on, checked on the live page full of demo data. */
    private void assertAccessibleStructure() {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("main section")))
                .allSatisfy(section ->
                        assertThat(section.getAttribute("aria-labelledby")).isNotBlank());
        assertThat(browser.findElements(By.cssSelector("main table")))
                .allSatisfy(table ->
                        assertThat(table.findElements(By.tagName("caption"))).isNotEmpty());
        assertThat(browser.findElements(By.tagName("button"))).allSatisfy(button -> assertThat(
                        button.getAttribute("aria-label") != null
                                ? button.getAttribute("aria-label")
                                : button.getAttribute("textContent"))
                .isNotBlank());
        assertThat(browser.findElements(By.tagName("canvas"))).isNotEmpty().allSatisfy(chart -> assertThat(
                        chart.getAttribute("aria-label"))
                .isNotBlank());
        assertThat(browser.findElement(By.id("action-result")).getAttribute("aria-live"))
                .isEqualTo("polite");
    }

    private void signIn(String user) {
        browser.get(system.stack().url(RunningStack.MATCHING) + "/dashboard");
        WebDriverWait wait = new WebDriverWait(browser, LIVE);
        wait.until(page -> page.getCurrentUrl().startsWith(system.stack().issuerUrl())
                || page.getCurrentUrl().contains("/dashboard"));
        if (browser.getCurrentUrl().startsWith(system.stack().issuerUrl())) {
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys("samepath");
            browser.findElement(By.cssSelector("button[type=submit]")).click();
        }
        wait.until(page -> page.getCurrentUrl().startsWith(system.stack().url(RunningStack.MATCHING) + "/dashboard"));
    }

    private void signOut() {
        browser.get(system.stack().url(RunningStack.MATCHING) + "/dashboard/signed-out");
        browser.manage().deleteAllCookies(); // both the dashboard's session and the issuer's (same host)
    }

    private void awaitLive() {
        new WebDriverWait(browser, LIVE).until(page -> "live"
                .equals(page.findElement(By.id("connection")).getAttribute("data-state")));
    }

    // The page re-renders its tables and tiles as events arrive, so an element found in one WebDriver call may be
    // gone by the next (StaleElementReferenceException, which Awaitility does not retry). Live content is therefore
    // read in one step, inside the page, and actions on live rows are retried until they reach a current element.

    private int tile(String state) {
        return Integer.parseInt(liveText("#open-requests dd[data-state='" + state + "']"));
    }

    /** The text of the first element matching the selector, read in one step; empty when there is none. */
    private String liveText(String cssSelector) {
        Object text = ((JavascriptExecutor) browser)
                .executeScript(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';",
                        cssSelector);
        return String.valueOf(text);
    }

    @SuppressWarnings("unchecked")
    private List<String> rowKeys(String tableId) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".map(row => row.getAttribute('data-key'));",
                        "#" + tableId + " tbody tr");
    }

    /** The visible text of the alert row about this person, read in one step; null while there is none. */
    private String alertRowTextAbout(String personId) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "const row = Array.from(document.querySelectorAll('#alerts-table tbody tr'))"
                                + ".find(r => r.innerText.includes(arguments[0]));"
                                + "return row ? row.innerText : null;",
                        personId);
    }

    /** Finds the row (the first matching the selector whose text names the key) and acts on its button. */
    private void actOnLiveRow(String rowSelector, String key, Consumer<WebElement> action) {
        await().atMost(LIVE)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    WebElement row = browser.findElements(By.cssSelector(rowSelector)).stream()
                            .filter(candidate ->
                                    candidate.getText().contains(key) || key.equals(candidate.getAttribute("data-key")))
                            .findFirst()
                            .orElse(null);
                    if (row == null) {
                        return false;
                    }
                    action.accept(row.findElement(By.tagName("button")));
                    return true;
                });
    }

    private static JsonNode alertAbout(JsonNode alerts, String personId) {
        for (JsonNode alert : alerts) {
            if (personId.equals(alert.path("personId").asString(""))) {
                return alert;
            }
        }
        return null;
    }

    /** The flags a closed network needs (no background fetches), a fresh profile, and a laptop-sized window. */
    private static WebDriver headlessChromium(Path profileDirectory) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1100",
                "--user-data-dir=" + profileDirectory);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
