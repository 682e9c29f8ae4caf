using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using ZsN2N.Ort.Imaging;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.EndToEnd;

/// <summary>
/// The whole path a visitor takes, in Debian's Chromium driven through its chromedriver: the real app on Kestrel at
/// 127.0.0.1, upload of a dev photo crop through the page, live progress, the comparison slider, and the download.
/// Needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them with apt-get); fails, never skips, without.
/// </summary>
[TestClass]
public sealed class BrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string ChromeDriverPath = "/usr/bin/chromedriver";
    private const int CropWidth = 128;
    private const int CropHeight = 96;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task VisitorUploadsAPhotoWatchesItDenoiseAndDownloadsThePng()
    {
        var port = LocalPorts.Free();
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "300" });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";

        var work = Directory.CreateTempSubdirectory("zsn2n-e2e-");
        try
        {
            var upload = Path.Combine(work.FullName, "camera-crop.png");
            await File.WriteAllBytesAsync(upload, TestImages.DevCropPng(top: 40, left: 88, width: CropWidth, height: CropHeight), TestContext.CancellationToken);
            var downloads = Directory.CreateDirectory(Path.Combine(work.FullName, "downloads")).FullName;

            using var driver = StartChromium(Path.Combine(work.FullName, "profile"), downloads);
            var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120));
            driver.Navigate().GoToUrl(baseUrl + "/");
            Assert.AreEqual("ZsN2N — denoise a photo with nothing but that photo", driver.Title);

            // Pick the file (the input is the focusable control behind the drop zone) and start from the keyboard.
            driver.FindElement(By.Id("file")).SendKeys(upload);
            wait.Until(d => d.FindElement(By.Id("file-name")).Text.Contains("camera-crop.png", StringComparison.Ordinal));
            driver.FindElement(By.Id("start")).SendKeys(Keys.Enter);

            // Progress is shown, then the result replaces it.
            wait.Until(d => d.FindElement(By.Id("progress")).Displayed || d.FindElement(By.Id("result")).Displayed);
            wait.Until(d => d.FindElement(By.Id("result")).Displayed || d.FindElement(By.Id("error")).Displayed);
            var error = driver.FindElement(By.Id("error"));
            Assert.IsFalse(error.Displayed, $"the page shows an error: {error.Text}");

            var after = driver.FindElement(By.Id("after"));
            wait.Until(_ => (bool)Script(driver, "const i = arguments[0]; return i.complete && i.naturalWidth > 0;", after));
            Assert.IsTrue(after.Displayed, "the denoised image is shown");
            Assert.AreEqual(CropWidth, Convert.ToInt32(Script(driver, "return arguments[0].naturalWidth;", after)));
            Assert.AreEqual(CropHeight, Convert.ToInt32(Script(driver, "return arguments[0].naturalHeight;", after)));
            Assert.IsTrue((bool)Script(driver, "const i = document.getElementById('before'); return i.complete && i.naturalWidth > 0;"), "the noisy image is shown");

            // The comparison slider answers the keyboard.
            var slider = driver.FindElement(By.Id("slider"));
            slider.SendKeys(Keys.Home);
            Assert.AreEqual("0", slider.GetAttribute("value"));
            for (var i = 0; i < 30; i++)
            {
                slider.SendKeys(Keys.ArrowRight);
            }

            Assert.AreEqual("30%", Script(driver, "return document.getElementById('compare').style.getPropertyValue('--split');"));
            Assert.AreEqual("70% denoised", slider.GetAttribute("aria-valuetext"));

            // The download is a PNG of the uploaded size.
            driver.FindElement(By.Id("download-png")).Click();
            var downloaded = WaitForDownload(downloads, TimeSpan.FromSeconds(30));
            var image = ImageIo.Decode(await File.ReadAllBytesAsync(downloaded, TestContext.CancellationToken));
            Assert.AreEqual((CropWidth, CropHeight), (image.Width, image.Height));
            Assert.AreEqual("camera-crop-denoised.png", Path.GetFileName(downloaded));

            SaveScreenshot(driver);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static ChromeDriver StartChromium(string profile, string downloads)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
        {
            Assert.Fail($"The browser test needs Debian's Chromium at {ChromiumPath} and its driver at {ChromeDriverPath}: " +
                        "apt-get install chromium chromium-driver (.ci/run does this).");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1024,1000", $"--user-data-dir={profile}");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        options.AddUserProfilePreference("download.directory_upgrade", true);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        }
        catch (WebDriverException e)
        {
            service.Dispose();
            Assert.Fail($"Chromium ({ChromiumPath}) could not be started through {ChromeDriverPath}: {e.Message}");
            throw;
        }
    }

    private static object Script(IWebDriver driver, string script, params object[] args) =>
        ((IJavaScriptExecutor)driver).ExecuteScript(script, args)!;

    private static string WaitForDownload(string folder, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var done = Directory.GetFiles(folder, "*.png");
            if (done.Length == 1 && Directory.GetFiles(folder, "*.crdownload").Length == 0)
            {
                return done[0];
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"No PNG was downloaded into {folder} within {timeout.TotalSeconds} s (found: {string.Join(", ", Directory.GetFiles(folder))}).");
        return string.Empty;
    }

    // Under the test results, and as docs/images/web-app.png for the README.
    private void SaveScreenshot(ChromeDriver driver)
    {
        var screenshot = driver.GetScreenshot();
        var results = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "web-app.png");
        Directory.CreateDirectory(Path.GetDirectoryName(results)!);
        screenshot.SaveAsFile(results);
        TestContext.AddResultFile(results);

        var docs = Path.Combine(RepositoryPaths.Root, "docs", "images");
        Directory.CreateDirectory(docs);
        screenshot.SaveAsFile(Path.Combine(docs, "web-app.png"));
    }
}
