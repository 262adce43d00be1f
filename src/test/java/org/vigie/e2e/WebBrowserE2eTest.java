package org.vigie.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.vigie.e2e.LiveBot.ask;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigie.testirc.TestClient;

/**
 * The web pages in a real browser: Debian's Chromium, headless, driven by Selenium through the system's chromedriver
 * (named explicitly, so that nothing is looked up or downloaded), against a real Vigie on a real IRC server (ngIRCd)
 * whose feeder says the changes. Without Chromium the test fails: {@code .ci/run} installs it.
 *
 * <p>Screenshots of {@code /} and {@code /status} are written to {@code target/screenshots/}.
 */
class WebBrowserE2eTest {

    static final Path CHROMIUM = Path.of(System.getProperty("vigie.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("vigie.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "screenshots");
    /** How fast a feed line must show on the page. */
    static final Duration LIVE = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static LiveBot bot;
    static ChromeDriver browser;
    static String home;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        bot = LiveBot.start(dir, "lang", "en");
        home = bot.vigie.webAddress();
        assertNotNull(home, "the web pages are on");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions o = options("chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Headless Chromium with a fresh profile of its own, nothing fetched in the background. */
    static ChromeOptions options(String profile) throws IOException {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectories(dir.resolve(profile)));
        // the console, to see that the pages break none of their own Content-Security-Policy
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        return o;
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (bot != null) {
                bot.close();
            }
        }
    }

    /** Opens the live page and waits until its stream is open. */
    static void openLive(String query) {
        browser.get(home + (query == null ? "" : "?" + query));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "open".equals(
                d.findElement(By.tagName("body")).getAttribute("data-live")));
    }

    /** The live page's row whose title is exactly {@code title}, waited for at most {@code within}. */
    static WebElement row(String title, Duration within) {
        return new WebDriverWait(browser, within).until(d -> {
            for (WebElement r : d.findElements(By.cssSelector("#alert-rows tr.alert"))) {
                if (title.equals(r.findElement(By.cssSelector(".title")).getText())
                        || title.equals(textOf(r.findElement(By.cssSelector(".title"))))) {
                    return r;
                }
            }
            return null;
        });
    }

    static String textOf(WebElement e) {
        return (String) ((JavascriptExecutor) browser).executeScript("return arguments[0].textContent;", e);
    }

    /** No dialog opened (no injected script ran) and the console reports nothing the policy refused. */
    static void assertNoDialog() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), "no script ran");
        for (org.openqa.selenium.logging.LogEntry e : browser.manage().logs().get(
                org.openqa.selenium.logging.LogType.BROWSER)) {
            assertFalse(e.getMessage().contains("Content Security Policy"), e.getMessage());
            assertFalse(e.getMessage().contains("Uncaught"), "a script error: " + e.getMessage());
        }
    }

    static void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aFeedLineAppearsWithinTwoSecondsAndTheFiltersHideAndShowIt() throws IOException {
        openLive(null);
        long t0 = System.nanoTime();
        String title = "Page vue en direct " + LiveBot.nextDiff();
        bot.edit(title, "198.51.100.23", -840, "retrait d’un paragraphe");
        WebElement r = row(title, LIVE);
        System.out.printf("web: feed line said on IRC → row on the live page in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals("fr.wikipedia", r.findElement(By.cssSelector(".wiki")).getText());
        assertEquals("198.51.100.23", r.findElement(By.cssSelector(".user")).getText());
        assertEquals("-840", r.findElement(By.cssSelector(".size")).getText());
        assertTrue(r.findElement(By.cssSelector(".events")).getText().contains("ip"));
        List<WebElement> links = r.findElements(By.cssSelector(".links a"));
        assertEquals(3, links.size(), "diff, contributions, history");
        assertTrue(links.get(0).getAttribute("href").startsWith("https://fr.wikipedia.org/w/index.php?diff="));
        assertTrue(links.get(1).getAttribute("href").contains("Special:Contributions&target=198.51.100.23"));
        assertTrue(links.get(2).getAttribute("href").endsWith("&action=history"));

        // text filter: hides, and the address keeps it
        WebElement text = browser.findElement(By.id("f-text"));
        text.sendKeys("rien de tel");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !r.isDisplayed());
        assertTrue(browser.getCurrentUrl().contains("q=rien+de+tel"), browser.getCurrentUrl());
        text.clear();
        text.sendKeys("vue en direct");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> r.isDisplayed());
        text.clear();
        // event filter
        Select event = new Select(browser.findElement(By.id("f-event")));
        event.selectByValue("bigedit");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !r.isDisplayed());
        assertTrue(browser.getCurrentUrl().contains("event=bigedit"), browser.getCurrentUrl());
        event.selectByValue("ip");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> r.isDisplayed());
        // wiki filter, then the bookmarked address without script help: the server hides the row already
        WebElement wiki = browser.findElement(By.id("f-wiki"));
        wiki.sendKeys("en.wikipedia");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !r.isDisplayed());
        String bookmarked = browser.getCurrentUrl();
        assertTrue(bookmarked.contains("wiki=en.wikipedia") && bookmarked.contains("event=ip"), bookmarked);
        browser.get(bookmarked);
        assertEquals("en.wikipedia", browser.findElement(By.id("f-wiki")).getAttribute("value"));
        assertFalse(row(title, Duration.ofSeconds(5)).isDisplayed(), "still hidden after a reload");
        openLive(null);
        assertTrue(row(title, Duration.ofSeconds(5)).isDisplayed(), "the last alerts are there after a reload");
        assertNoDialog();
    }

    @Test
    void withoutJavaScriptTheRecentListAndItsFiltersStillWork() throws IOException {
        String title = "Page lue sans script " + LiveBot.nextDiff();
        bot.edit(title, "198.51.100.27", 77, "sans script");
        openLive(null);
        row(title, Duration.ofSeconds(10));
        ChromeOptions o = options("chromium-nojs");
        o.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriver plain = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), o);
        try {
            plain.get(home);
            assertEquals(null, plain.findElement(By.tagName("body")).getAttribute("data-live"), "no script ran");
            WebElement r = plain.findElement(By.xpath("//tr[@class='alert'][.//span[@class='title'][.='" + title
                    + "']]"));
            assertTrue(r.isDisplayed());
            assertTrue(plain.findElement(By.id("f-apply")).isDisplayed(), "the filter button, for pages without script");
            plain.findElement(By.id("f-text")).sendKeys("rien de tel");
            plain.findElement(By.id("f-apply")).click();
            new WebDriverWait(plain, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=rien+de+tel"));
            WebElement hidden = plain.findElement(By.xpath("//tr[.//span[@class='title'][.='" + title + "']]"));
            assertFalse(hidden.isDisplayed(), "the server hid it");
            assertTrue(plain.findElement(By.id("none")).isDisplayed());
        } finally {
            plain.quit();
        }
    }

    @Test
    void pauseHoldsNewAlertsUntilResumed() {
        openLive(null);
        WebElement pause = browser.findElement(By.id("pause"));
        pause.click();
        String title = "Page pendant la pause " + LiveBot.nextDiff();
        bot.edit(title, "198.51.100.24", 30, "ajout");
        // the page received it (it says one is waiting) and did not show it
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("live")).getText()
                .contains("1 waiting"));
        assertTrue(browser.findElements(By.xpath("//tr[@class='alert']//span[@class='title'][.='" + title + "']"))
                .isEmpty(), "held while paused");
        pause.click();
        assertTrue(row(title, Duration.ofSeconds(5)).isDisplayed());
    }

    @Test
    void hostileTitlesRenderAsTextAndNoScriptRuns() throws IOException {
        openLive(null);
        String script = "<script>alert(1)</script>";
        String img = "\"><img src=x onerror=alert(2)>";
        bot.edit(script, "198.51.100.25", 12, "<b onmouseover=alert(3)>gras</b>");
        bot.edit(img, "198.51.100.26", 12, "\"><svg onload=alert(4)>");
        // live, inserted by the page's script
        WebElement a = row(script, LIVE);
        WebElement b = row(img, LIVE);
        assertEquals(script, textOf(a.findElement(By.cssSelector(".title"))));
        assertEquals("<b onmouseover=alert(3)>gras</b>", textOf(a.findElement(By.cssSelector(".summary"))));
        assertEquals(img, textOf(b.findElement(By.cssSelector(".title"))));
        assertEquals("\"><svg onload=alert(4)>", textOf(b.findElement(By.cssSelector(".summary"))));
        assertNoDialog();
        // rendered by the server
        openLive(null);
        assertEquals(script, textOf(row(script, Duration.ofSeconds(5)).findElement(By.cssSelector(".title"))));
        assertEquals(img, textOf(row(img, Duration.ofSeconds(5)).findElement(By.cssSelector(".title"))));
        assertTrue(browser.findElements(By.cssSelector("#alerts img, #alerts svg, #alerts b, #alerts script"))
                .isEmpty(), "no element made of wiki text");
        List<WebElement> scripts = browser.findElements(By.tagName("script"));
        assertEquals(1, scripts.size());
        assertTrue(scripts.get(0).getAttribute("src").endsWith("/static/vigie.js"));
        assertNoDialog();
    }

    @Test
    void listsFindsAnEntryAddedOverIrcWithItsHistory() throws IOException {
        TestClient op = bot.newOperator("op-web");
        ask(op, "bl add Vandale Web r=pages de pub", t -> t.startsWith("Added:"));
        ask(op, "bnu add casinoweb r=publicité", t -> t.startsWith("Added:"));
        browser.get(home + "lists");
        browser.findElement(By.id("q")).sendKeys("Vandale Web");
        browser.findElement(By.cssSelector("#lookup button")).click();
        WebElement exact = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("exact")));
        WebElement entry = exact.findElement(By.cssSelector("tr.entry[data-list='bl']"));
        assertTrue(entry.getText().contains("Vandale Web"), entry.getText());
        assertTrue(entry.getText().contains("pages de pub"), entry.getText());
        assertTrue(entry.getText().contains("op-web"), entry.getText());
        WebElement history = exact.findElement(By.cssSelector("tr.entry-history"));
        assertTrue(history.getText().contains("History (1)"), history.getText());
        assertTrue(history.getText().contains("added"), history.getText());
        assertTrue(browser.findElement(By.id("history")).getText().contains("op-web"));
        // a user name that a word entry would match, as `bnu test` says
        browser.get(home + "lists?q=" + java.net.URLEncoder.encode("Roi du CasinoWeb", "UTF-8"));
        WebElement words = browser.findElement(By.id("words"));
        assertTrue(words.getText().contains("casinoweb"), words.getText());
        assertTrue(words.getText().contains("publicité"), words.getText());
        assertTrue(words.findElement(By.cssSelector("tr.entry-history")).getText().contains("History (1)"));
        assertNoDialog();
    }

    @Test
    void statusShowsTheChartWithANonEmptySeries() throws IOException {
        // a few varied alerts, for the series and the screenshots
        bot.edit("Bac à sable", "203.0.113.5", -2400, "blanchiment");
        bot.edit("Paris", "203.0.113.6", 35, "ajout d’une source");
        bot.edit("Modèle:Palette", "2001:db8::7", 9, "");
        String last = "Tour Eiffel";
        bot.edit(last, "203.0.113.8", -12, "typo");
        openLive(null);
        row(last, Duration.ofSeconds(10));
        shot("web-alerts.png");
        browser.get(home + "status");
        WebElement chart = browser.findElement(By.id("alerts-chart"));
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
        assertEquals(60, bars.size());
        long total = 0;
        for (WebElement bar : bars) {
            total += Long.parseLong(bar.getAttribute("data-count"));
        }
        assertTrue(total >= 4, "alerts counted in the last hour: " + total);
        assertTrue(bars.stream().anyMatch(bar -> Double.parseDouble(bar.getAttribute("height")) > 0),
                "a bar is drawn");
        String feeds = browser.findElement(By.id("feeds")).getText();
        assertTrue(feeds.contains("connected"), feeds);
        assertTrue(browser.findElement(By.id("network")).getText().contains("connected"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1560));   // the whole page
        try {
            shot("web-status.png");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        assertNoDialog();
    }
}
