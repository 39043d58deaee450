package org.enterprisebrain.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.enterprisebrain.servers.BrainRealm;
import org.enterprisebrain.testsupport.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The managers' dashboard in headless Chromium (Debian's chromium and chromium-driver): it logs in through the
 * real Keycloak's login page (code flow with PKCE), then shows the level ladder, the radar, the gaps and the
 * clause drill-down from the live API, in zh-CN and in en. Screenshots go to target/ and are checked for the
 * radar actually drawn.
 */
class DashboardIT extends AssessmentServer {

  static final String CHROMIUM = System.getProperty("brain.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("brain.chromedriver", "/usr/bin/chromedriver");
  static WebDriver browser;

  @BeforeAll
  static void browser() {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1600",
            "--lang=zh-CN", "--hide-scrollbars");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .build(), options);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Logs {@code user} in through Keycloak's login page, from a browser that forgot every earlier session. */
  WebDriverWait logIn(String user) {
    String page = "http://127.0.0.1:" + port + "/assessment/";
    RealKeycloak.allowConsoleRedirect(page);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    browser.get("http://127.0.0.1:" + port + "/assessment/config.json");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    browser.get(page);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertThat(browser.getCurrentUrl()).startsWith(RealKeycloak.issuer() + "/protocol/openid-connect/auth");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(BrainRealm.demoPassword(user));
    browser.findElement(By.id("kc-login")).click();
    waitForData(wait);
    assertThat(browser.getCurrentUrl()).isEqualTo(page);
    assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user);
    return wait;
  }

  /** Until the page has loaded its figures (it marks the body ready), with no error shown. */
  static void waitForData(WebDriverWait wait) {
    // right after the login form is sent, the body found may be the login page's, gone by the time it is read
    wait.ignoring(StaleElementReferenceException.class).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
        && !d.findElements(By.cssSelector("#ladder li")).isEmpty());
    assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText())
        .isFalse();
  }

  static void click(WebElement e) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].click()", e);
  }

  @Test
  void theDashboardLogsInThroughKeycloakAndShowsLevelsRadarGapsAndClausesInBothLanguages() throws Exception {
    // the page runs its own bundle only, talks to itself and the realm: and everything below works under it
    assertThat(calls.get("/assessment", null).headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("script-src 'self';", "connect-src 'self' " + URI.create(RealKeycloak.issuer())
            .resolve("/").toString().replaceAll("/$", ""), "frame-ancestors 'none'"));
    WebDriverWait wait = logIn("manager");
    if ("en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang"))) {
      browser.findElement(By.id("lang")).click(); // start in zh-CN whatever the browser's language
    }

    // zh-CN: the ladder climbs from 制造精益级 at the bottom; every clause is in the drill-down
    assertThat(browser.findElements(By.cssSelector("#ladder li"))).extracting(e -> e.getDomAttribute("data-level"))
        .containsExactly("leading", "integrated", "lean");
    assertThat(browser.findElement(By.id("ladder")).getText()).contains("制造精益级", "集成优化级", "创新引领级");
    assertThat(browser.findElement(By.id("counts")).getText()).contains(String.valueOf(CATALOGUE.items().count()));
    assertThat(browser.findElements(By.cssSelector("#tree button.clause"))).hasSize((int) CATALOGUE.items().count());
    int gaps = browser.findElements(By.cssSelector("#gaps tbody tr")).size();
    assertThat(gaps).isBetween(1, 15);
    assertThat(browser.findElement(By.cssSelector("#gaps tbody tr")).getDomAttribute("class")).contains("blocks");

    click(browser.findElement(By.cssSelector("#tree button[data-clause='6.2.3.c']")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-id"), "6.2.3.c"));
    assertThat(browser.findElement(By.cssSelector("#detail .text")).getText())
        .isEqualTo(CATALOGUE.item("6.2.3.c").orElseThrow().text());
    assertThat(browser.findElement(By.id("detail")).getText()).contains("analytics.spc", "unknown");
    checkRadarAndSave("zh-CN");

    browser.findElement(By.id("lang")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-t=ladder]"), "Level ladder"));
    assertThat(browser.findElement(By.id("ladder")).getText()).contains("Lean manufacturing");
    assertThat(browser.findElement(By.cssSelector("#gaps thead")).getText()).contains("Blocks next level");
    checkRadarAndSave("en");
  }

  /**
   * What the platform cannot observe, from the page: a manager attests a clause with a file, sees it awaiting
   * review and cannot approve it; a snapshot is taken and its report downloaded; an admin approves it and the
   * clause is met.
   */
  @Test
  void aManagerAttestsFromThePageAndAnotherPersonApprovesItThere() throws Exception {
    // the last attestation-only clause of 制造精益级 (the API test attests the first)
    String clause = CATALOGUE.items().filter(i -> i.levels().contains("lean"))
        .filter(i -> i.evidence().stream().allMatch(e -> e.attestation() != null))
        .reduce((a, b) -> b).orElseThrow().id();
    WebDriverWait wait = logIn("manager");
    click(browser.findElement(By.cssSelector("#tree button[data-clause='" + clause + "']")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attest-form")));
    String statement = "班组每日5S检查记录（浏览器测试）" + System.nanoTime();
    browser.findElement(By.id("attest-statement")).sendKeys(statement);
    new Select(browser.findElement(By.id("attest-satisfaction"))).selectByValue("1");
    Path file = Files.writeString(Path.of("target", "5s-checklist.txt").toAbsolutePath(), "5S 检查表\n");
    browser.findElement(By.id("attest-file")).sendKeys(file.toString());
    click(browser.findElement(By.id("attest-submit")));
    By row = By.xpath("//table[@id='reviews']//tr[td[2][text()='" + statement + "']]");
    wait.until(ExpectedConditions.presenceOfElementLocated(row));
    waitForData(wait);
    WebElement pending = browser.findElement(row);
    assertThat(pending.getDomAttribute("data-clause")).isEqualTo(clause);
    assertThat(pending.getText()).contains("manager", "5s-checklist.txt");
    assertThat(pending.findElement(By.cssSelector("button.approve")).isEnabled()).as("own attestation").isFalse();
    String attestation = pending.getDomAttribute("data-attestation");
    assertThat(browser.findElement(By.id("notice")).getText()).contains("#" + attestation);
    assertThat(browser.findElement(By.cssSelector("#tree button[data-clause='" + clause + "'] .sat")).getText())
        .isEqualTo("0.0");

    int snapshots = browser.findElements(By.cssSelector("#snapshots tr[data-snapshot]")).size();
    click(browser.findElement(By.id("take-snapshot")));
    wait.until(d -> d.findElements(By.cssSelector("#snapshots tr[data-snapshot]")).size() == snapshots + 1);
    waitForData(wait);
    assertThat(browser.findElement(By.cssSelector("#snapshots tbody tr")).getText()).contains("manager");

    logIn("admin");
    WebElement toReview = browser.findElement(By.cssSelector("#reviews tr[data-attestation='" + attestation + "']"));
    assertThat(toReview.findElement(By.cssSelector("button.approve")).isEnabled()).isTrue();
    toReview.findElement(By.cssSelector("input.comment")).sendKeys("现场核实");
    click(toReview.findElement(By.cssSelector("button.approve")));
    wait.until(ExpectedConditions.numberOfElementsToBe(
        By.cssSelector("#reviews tr[data-attestation='" + attestation + "']"), 0));
    waitForData(wait);
    assertThat(browser.findElement(By.cssSelector("#tree button[data-clause='" + clause + "'] .sat")).getText())
        .isEqualTo("1.0");
    click(browser.findElement(By.cssSelector("#tree button[data-clause='" + clause + "']")));
    assertThat(browser.findElement(By.id("detail")).getText()).contains("approved");
  }

  /** The radar canvas shows the dashed target polygon (its colour), and the page is saved for a look. */
  void checkRadarAndSave(String lang) throws Exception {
    ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
    byte[] whole = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", "dashboard-" + lang + ".png"), whole);
    BufferedImage radar = ImageIO.read(new ByteArrayInputStream(
        browser.findElement(By.id("radar")).getScreenshotAs(OutputType.BYTES)));
    int target = 0;
    Set<Integer> colours = new HashSet<>();
    for (int x = 0; x < radar.getWidth(); x++) {
      for (int y = 0; y < radar.getHeight(); y++) {
        int rgb = radar.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (near(rgb, 0xef6c00)) {
          target++;
        }
      }
    }
    assertThat(target).as("pixels of the target series in the radar (" + lang + ")").isGreaterThan(300);
    assertThat(colours).as("a drawn chart, not a blank box").hasSizeGreaterThan(30);
    BufferedImage page = ImageIO.read(new ByteArrayInputStream(whole));
    assertThat(page.getWidth()).isGreaterThan(1000);
  }

  static boolean near(int rgb, int colour) {
    int dr = ((rgb >> 16) & 0xff) - ((colour >> 16) & 0xff);
    int dg = ((rgb >> 8) & 0xff) - ((colour >> 8) & 0xff);
    int db = (rgb & 0xff) - (colour & 0xff);
    return dr * dr + dg * dg + db * db < 40 * 40;
  }
}
