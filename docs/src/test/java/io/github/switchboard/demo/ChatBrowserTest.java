package io.github.switchboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.switchboard.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real browser: Debian's headless Chromium driven through its chromedriver.
 * Two people sign in, chat in a room, see each other's joins and leaves and the count, receive an
 * announcement POSTed over HTTP, and an XSS attempt as a name and as a message stays text. The
 * server restarts under two open pages, which reconnect by themselves.
 *
 * <p>Without the browser the test is skipped with the command that installs it, except under
 * {@code CI=true}, where it fails. The screenshot goes to {@code target/demo.png}; with
 * {@code -Ddemo.screenshot.update=true} also to {@code images/demo.png}, the one the README shows.
 */
class ChatBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary",
            "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The page's longest backoff step (30 s) and then some. */
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(45);
    /** The page's status while it waits to retry: the close code, then the delay. */
    private static final Pattern RETRYING =
            Pattern.compile("disconnected \\(\\d+\\), retrying in \\d+\\.\\d s");
    /** Would set window.pwned if it ever ran as markup. 32 characters: the longest name. */
    static final String XSS_NAME = "<img src=x onerror=pwned=1>";
    static final String XSS_TEXT = "<img src=x onerror=\"window.pwned=2\"><script>pwned=3</script>";

    private static EmbeddedServer server;
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String how = "the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `sudo apt-get install chromium chromium-driver` "
                    + "(Debian/Ubuntu), or point -Dchromium.binary and -Dchromedriver.binary at them";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(how);
            }
            Assumptions.abort(how);
        }
        server = ChatDemo.start("127.0.0.1", 0, Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        browsers.forEach(b -> {
            try {
                b.quit();
            } catch (RuntimeException ignored) {
                // the browser is gone already
            }
        });
        if (server != null) {
            server.close();
        }
    }

    private static WebDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1000,720",
                "--user-data-dir=" + profile.toAbsolutePath());
        // The driver is given: Selenium Manager is never asked to find or download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private String page() {
        return "http://127.0.0.1:" + server.port() + "/#lobby";
    }

    private static void signIn(WebDriver b, String name) {
        WebElement input = b.findElement(By.cssSelector("#signin-form input[name=name]"));
        input.clear();
        input.sendKeys(name);
        b.findElement(By.cssSelector("#signin-form button")).click();
        await(b, "connected", d -> d.findElement(By.id("status")).getText().equals("connected"));
    }

    private static void say(WebDriver b, String text) {
        b.findElement(By.cssSelector("#say input[name=text]")).sendKeys(text);
        b.findElement(By.cssSelector("#say button")).click();
    }

    /** The log's lines as text: the sender, a space, the message (the page's own spans). */
    @SuppressWarnings("unchecked")
    private static List<String> log(WebDriver b) {
        return (List<String>) ((JavascriptExecutor) b).executeScript(
                "return [...document.querySelectorAll('#log li')].map(li => [...li.children]"
                + ".map(s => s.textContent).join(' '));");
    }

    private static void awaitLine(WebDriver b, String line) {
        await(b, "the line '" + line + "' (log: " + log(b) + ")", d -> log(d).contains(line));
    }

    private static void await(WebDriver b, String what,
            java.util.function.Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(b, WAIT).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not seen within " + WAIT.toSeconds() + " s: " + what, e);
        }
    }

    @Test
    void twoPeopleChatInChromiumAndMarkupStaysText(@TempDir Path adaProfile,
            @TempDir Path bobProfile) throws Exception {
        WebDriver ada = browser(adaProfile);
        WebDriver bob = browser(bobProfile);
        ada.get(page());
        signIn(ada, "ada");
        awaitLine(ada, "ada joined");
        bob.get(page());
        signIn(bob, XSS_NAME);

        awaitLine(ada, XSS_NAME + " joined");
        awaitLine(bob, XSS_NAME + " joined");
        await(ada, "2 people here", d -> d.findElement(By.id("count")).getText().equals("2"));

        say(ada, "hello from ada");
        awaitLine(bob, "ada hello from ada");
        say(bob, XSS_TEXT);
        awaitLine(ada, XSS_NAME + " " + XSS_TEXT);
        // Bob's own line: shown once, by his page; the server did not echo it back.
        awaitLine(bob, XSS_NAME + " " + XSS_TEXT);
        say(bob, "second");
        awaitLine(ada, XSS_NAME + " second");
        assertEquals(1, log(bob).stream().filter((XSS_NAME + " " + XSS_TEXT)::equals).count(),
                "own message shown exactly once: " + log(bob));
        assertEquals(1, log(ada).stream().filter("ada hello from ada"::equals).count());

        // An announcement POSTed over HTTP by someone not in the room reaches both pages.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=ops")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> announced = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/broadcast"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("room=lobby&text=Deploy+at+noon"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"recipients\":2}", announced.body());
        awaitLine(ada, "ops (announcement) Deploy at noon");
        awaitLine(bob, "ops (announcement) Deploy at noon");

        // The clock ticks; no markup ever ran; nothing became an element.
        await(ada, "the server clock", d -> !d.findElement(By.id("clock")).getText().equals("–"));
        for (WebDriver b : List.of(ada, bob)) {
            assertEquals(null, ((JavascriptExecutor) b).executeScript("return window.pwned;"));
            assertTrue(b.findElements(By.cssSelector("#log img, #log script, #me img")).isEmpty());
        }
        assertEquals(XSS_NAME, bob.findElement(By.id("me")).getText());

        screenshot(ada);

        // Bob leaves: Ada sees it and the count drops.
        bob.quit();
        browsers.remove(bob);
        awaitLine(ada, XSS_NAME + " left");
        await(ada, "1 person here", d -> d.findElement(By.id("count")).getText().equals("1"));
    }

    /**
     * The server stops and starts again on the same port while two pages are open. With the
     * session key configured, both pages retry with backoff while it is down, reconnect by
     * themselves without signing in again, rejoin their room and chat; after a restart with
     * another key, the pages ask to sign in again instead.
     */
    @Test
    void pagesReconnectAfterARestartAndTheSessionSurvivesWithAConfiguredKey(
            @TempDir Path adaProfile, @TempDir Path bobProfile) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String previous = System.getProperty(SessionCookies.KEY_PROPERTY);
        System.setProperty(SessionCookies.KEY_PROPERTY, Base64.getEncoder().encodeToString(key));
        EmbeddedServer first = null;
        EmbeddedServer second = null;
        EmbeddedServer third = null;
        WebDriver ada = browser(adaProfile);
        WebDriver bob = browser(bobProfile);
        try {
            first = ChatDemo.start("127.0.0.1", 0, Duration.ofSeconds(1));
            int port = first.port();
            String page = "http://127.0.0.1:" + port + "/#restart";
            ada.get(page);
            signIn(ada, "ada");
            bob.get(page);
            signIn(bob, "bob");
            awaitLine(ada, "bob joined");

            first.close();
            for (WebDriver b : List.of(ada, bob)) {
                await(b, "disconnected and retrying (status: " + status(b) + ")",
                        d -> RETRYING.matcher(status(d)).matches());
                // A retry found the server down and scheduled the next, longer wait.
                await(b, "a second attempt while the server is down",
                        d -> ((Number) ((JavascriptExecutor) d)
                                .executeScript("return state.attempts;")).intValue() >= 2);
            }

            second = ChatDemo.start("127.0.0.1", port, Duration.ofSeconds(1));
            for (WebDriver b : List.of(ada, bob)) {
                awaitReconnect(b, "connected");
                // Same key: the cookie signed by the first server is still good, no sign-in.
                assertTrue(!b.findElement(By.id("signin-form")).isDisplayed()
                        && b.findElement(By.id("chat")).isDisplayed(), "signed out by a restart");
            }
            // Each page rejoined its room: everyone sees their own join a second time.
            await(ada, "ada rejoined", d -> occurrences(d, "ada joined") == 2);
            await(bob, "bob rejoined", d -> occurrences(d, "bob joined") == 2);
            say(bob, "back after the restart");
            awaitLine(ada, "bob back after the restart");
            assertEquals("ada", ada.findElement(By.id("me")).getText());

            // Another key (none configured: a random one) makes every old cookie worthless.
            System.clearProperty(SessionCookies.KEY_PROPERTY);
            second.close();
            third = ChatDemo.start("127.0.0.1", port, Duration.ofSeconds(1));
            awaitReconnect(ada, "session ended, sign in again");
            assertTrue(ada.findElement(By.id("signin-form")).isDisplayed());
        } finally {
            if (previous == null) {
                System.clearProperty(SessionCookies.KEY_PROPERTY);
            } else {
                System.setProperty(SessionCookies.KEY_PROPERTY, previous);
            }
            for (WebDriver b : List.of(ada, bob)) {
                browsers.remove(b);
                b.quit();
            }
            for (EmbeddedServer s : new EmbeddedServer[] {first, second, third}) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    private static String status(WebDriver b) {
        return b.findElement(By.id("status")).getText();
    }

    private static long occurrences(WebDriver b, String line) {
        return log(b).stream().filter(line::equals).count();
    }

    /**
     * Waits for the status after the server is back: the page's next retry comes at most one
     * backoff step later, and the steps are capped at 30 s, however long the restart took.
     */
    private static void awaitReconnect(WebDriver b, String expected) {
        try {
            new WebDriverWait(b, RECONNECT_WAIT).until(d -> status(d).equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not '" + expected + "' within " + RECONNECT_WAIT.toSeconds()
                    + " s of the restart; status: " + status(b), e);
        }
    }

    private static void screenshot(WebDriver b) throws IOException {
        Path shot = ((TakesScreenshot) b).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "demo.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("demo.screenshot.update")) {
            Files.copy(shot, Path.of("images", "demo.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
