using System.Globalization;
using System.Net;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using ZsN2N.Ort.Imaging;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.EndToEnd;

/// <summary>
/// The paths a visitor takes, in Debian's Chromium driven through its chromedriver, against the real app on Kestrel at
/// 127.0.0.1: the checks before uploading, a job's address surviving a refresh, a queue and a cancel, and the
/// comparison at 1:1 by mouse, keyboard and touch. Each state is photographed into the test results
/// (<c>web-screenshots/</c>). Needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them with apt-get);
/// fails, never skips, without.
/// </summary>
/// <remarks>
/// The README's picture is <c>09-result.png</c> of a run with the official recipe:
/// <c>dotnet test tests/ZsN2N.Web.Tests --filter AVisitorComparesTheResult -- TestRunParameters.Parameter(name=\"recipe\",value=\"official\")</c>.
/// </remarks>
[TestClass]
public sealed class BrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string ChromeDriverPath = "/usr/bin/chromedriver";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task AJobKeepsItsAddressThroughARefreshAQueueAndACancel()
    {
        // Jobs that run until cancelled; small limits so the page's own checks have something to refuse.
        using var server = new Server(new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "5000000",
            ["ZsN2N:Width"] = "4",
            ["ZsN2N:MaxBytes"] = "200000",
            ["ZsN2N:MaxPixels"] = "100000",
            ["ZsN2N:AbandonAfter"] = "00:05:00",
        });
        using var work = new TempFolder();
        using var driver = StartChromium(work["profile"], work["downloads"]);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120));
        driver.Navigate().GoToUrl(server.Url);
        Assert.AreEqual("ZsN2N — denoise a photo with nothing but that photo", driver.Title);
        wait.Until(d => d.FindElement(By.Id("limits")).Text.Contains("GIF", StringComparison.Ordinal));
        Shoot(driver, "01-form");

        // The page refuses, before sending anything, a file of another type, one too large, and one of too many pixels.
        var refusals = new (string Name, byte[] Bytes, string Says)[]
        {
            ("notes.txt", "not an image"u8.ToArray(), "notes.txt is not an image this server accepts: choose a PNG, JPEG, BMP, WebP, GIF or TIFF file."),
            ("large.png", TestImages.RandomPng(300, 300), "; this server accepts files of at most 195.3 KiB."),
            ("wide.png", FlatPng(500, 300), "wide.png is 500×300 = 150,000 pixels; this server accepts at most 100,000 pixels."),
        };
        foreach (var (name, bytes, says) in refusals)
        {
            var path = work[name];
            await File.WriteAllBytesAsync(path, bytes, TestContext.CancellationToken);
            driver.FindElement(By.Id("file")).SendKeys(path);
            wait.Until(d => d.FindElement(By.Id("error")).Displayed && d.FindElement(By.Id("error")).Text.Contains(says, StringComparison.Ordinal));
            Assert.AreEqual("error", ActiveElementId(driver), "the refusal takes the focus");
            Shoot(driver, $"02-refused-{Path.GetFileNameWithoutExtension(name)}");
        }

        Assert.AreEqual(0, server.Jobs.All.Count, "nothing was uploaded");

        // A photo is accepted; the address names the job.
        var photo = work["camera-crop.png"];
        await File.WriteAllBytesAsync(photo, TestImages.DevCropPng(top: 40, left: 88, width: 128, height: 96), TestContext.CancellationToken);
        driver.FindElement(By.Id("file")).SendKeys(photo);
        wait.Until(d => d.FindElement(By.Id("file-name")).Text.Contains("camera-crop.png", StringComparison.Ordinal));
        Assert.IsFalse(driver.FindElement(By.Id("error")).Displayed);
        driver.FindElement(By.Id("start")).SendKeys(Keys.Enter);
        wait.Until(d => d.Url.Contains("?job=", StringComparison.Ordinal) && Step(d) > 0);
        var jobUrl = driver.Url;
        var jobId = jobUrl.Split("?job=")[1];
        Shoot(driver, "03-running");

        // A refresh reattaches to the running job, which went on meanwhile; leaving did not cancel it.
        var before = Step(driver);
        driver.Navigate().Refresh();
        wait.Until(d => d.FindElement(By.Id("progress")).Displayed && Step(d) > before);
        Assert.AreEqual(jobUrl, driver.Url);
        Assert.AreEqual(JobStatus.Running, server.Jobs.Find(jobId)!.Status);

        // The time left comes from the measured rate once a few steps are in.
        wait.Until(d => d.FindElement(By.Id("stat-left")).Text is var left && left != "measuring…" && left != "–");
        StringAssert.Contains(driver.FindElement(By.Id("status")).Text, "Training on your 128×96 image");
        Shoot(driver, "04-running-after-refresh");

        // A second job, opened from its link as someone it was shared with would: it waits, with its place and a time.
        using var api = new HttpClient { BaseAddress = new Uri(server.Url) };
        var queued = await ApiClient.CreateAsync(api, TestImages.DevCropPng(top: 0, left: 0, width: 64, height: 64));
        driver.Navigate().GoToUrl($"{server.Url}?job={queued.Id}");
        wait.Until(d => d.FindElement(By.Id("status")).Text.StartsWith("Waiting for the image before yours", StringComparison.Ordinal));
        wait.Until(d => d.FindElement(By.Id("stat-left")).Text.StartsWith("about ", StringComparison.Ordinal));
        Shoot(driver, "05-queued");

        // Back to the first job, and cancel it: a notice, not an error, and it takes the focus.
        driver.Navigate().Back();
        wait.Until(d => d.Url == jobUrl && d.FindElement(By.Id("progress")).Displayed);
        driver.FindElement(By.Id("cancel")).Click();
        wait.Until(d => d.FindElement(By.Id("notice")).Displayed);
        StringAssert.StartsWith(driver.FindElement(By.Id("notice")).Text, "Cancelled by the visitor. The image was not denoised");
        Assert.IsFalse(driver.FindElement(By.Id("error")).Displayed, "a cancel is not shown as an error");
        Assert.AreEqual("notice", ActiveElementId(driver));
        Shoot(driver, "06-cancelled");
        await api.PostAsync(queued.Links.Cancel, null, TestContext.CancellationToken);
    }

    [TestMethod]
    [Timeout(3_600_000, CooperativeCancellation = true)]
    public async Task AVisitorComparesTheResultAtOneToOneAndFindsItAgainAfterARefresh()
    {
        // The fast test recipe, or the official one for the README's picture (see the class remarks).
        var official = TestContext.Properties.TryGetValue("recipe", out var recipe) && recipe as string == "official";
        using var server = new Server(official
            ? new Dictionary<string, string?> { ["ZsN2N:Iterations"] = null, ["ZsN2N:Width"] = "48", ["ZsN2N:Threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "300" });
        using var work = new TempFolder();
        var downloads = work["downloads"];
        Directory.CreateDirectory(downloads);
        using var driver = StartChromium(work["profile"], downloads);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(official ? 3500 : 120));
        driver.Navigate().GoToUrl(server.Url);

        // A real photo: the committed 256x256 camera sample with Gaussian noise of sigma 25/255.
        driver.FindElement(By.Id("file")).SendKeys(Path.Combine(RepositoryPaths.Root, "samples", "camera_noisy_g25.png"));
        wait.Until(d => d.FindElement(By.Id("file-name")).Text.Contains("camera_noisy_g25.png", StringComparison.Ordinal));
        driver.FindElement(By.Id("start")).Click();
        wait.Until(d => d.FindElement(By.Id("result")).Displayed || d.FindElement(By.Id("error")).Displayed || d.FindElement(By.Id("notice")).Displayed);
        Assert.IsTrue(driver.FindElement(By.Id("result")).Displayed, $"{driver.FindElement(By.Id("error")).Text}{driver.FindElement(By.Id("notice")).Text}");
        WaitForImages(driver, wait);
        var resultUrl = driver.Url;
        Shoot(driver, "07-result-whole");

        // 1:1: one image pixel on one device pixel, the same on both sides of the split.
        driver.FindElement(By.Id("zoom-actual")).Click();
        Assert.AreEqual(256.0, ImageBox(driver, "after").Width * DevicePixelRatio(driver), 1e-6);
        Assert.AreEqual(ImageBox(driver, "before"), ImageBox(driver, "after"), "both sides are placed alike");
        Assert.AreEqual("100% (1:1)", driver.FindElement(By.Id("zoom-level")).Text);
        Shoot(driver, "08-result-one-to-one");

        // Keyboard: + zooms about the centre; an arrow pans once the image is larger than the view.
        var compare = driver.FindElement(By.Id("compare"));
        for (var i = 0; i < 8; i++)
        {
            compare.SendKeys("+");
        }

        var zoomed = ImageBox(driver, "after");
        Assert.AreEqual(256 * Math.Pow(1.25, 8), zoomed.Width, 1e-6);
        compare.SendKeys(Keys.ArrowRight);
        var panned = ImageBox(driver, "after");
        Assert.IsLessThan(zoomed.Left - 10, panned.Left, "the view moved right, the image left");
        Assert.AreEqual(zoomed.Top, panned.Top);
        Assert.AreEqual(ImageBox(driver, "before"), panned);

        // Mouse: the wheel zooms about the pointer, which keeps the same image pixel under it.
        compare.SendKeys("0");
        var view = Box(driver, compare);
        var fitted = ImageBox(driver, "after");
        var pointer = (X: view.Left + view.Width / 2, Y: view.Top + view.Height / 2);
        var pixelUnder = ((pointer.X - fitted.Left) / fitted.Width, (pointer.Y - fitted.Top) / fitted.Height);
        new Actions(driver).ScrollFromOrigin(new WheelInputDevice.ScrollOrigin { Element = compare }, 0, -240).Perform();
        var wheeled = ImageBox(driver, "after");
        Assert.IsGreaterThan(fitted.Width * 1.3, wheeled.Width, "the wheel zoomed in");
        Assert.AreEqual(pixelUnder.Item1, (pointer.X - wheeled.Left) / wheeled.Width, 0.01);
        Assert.AreEqual(pixelUnder.Item2, (pointer.Y - wheeled.Top) / wheeled.Height, 0.01);

        // A drag pans the zoomed image by as much as the pointer moved.
        var beforeDrag = ImageBox(driver, "after");
        new Actions(driver).MoveToElement(compare, -100, 0).ClickAndHold().MoveByOffset(60, 40).Release().Perform();
        var dragged = ImageBox(driver, "after");
        Assert.AreEqual(beforeDrag.Left + 60, dragged.Left, 1);
        Assert.AreEqual(beforeDrag.Top + 40, dragged.Top, 1);
        Assert.AreEqual(ImageBox(driver, "before"), dragged);

        // Touch: two fingers spread apart zoom in.
        compare.SendKeys("0");
        Pinch(driver, compare, from: 20, to: 140);
        Assert.IsGreaterThan(fitted.Width * 1.5, ImageBox(driver, "after").Width, "the pinch zoomed in");
        compare.SendKeys("0");

        // The split answers the keyboard through its slider.
        var slider = driver.FindElement(By.Id("slider"));
        slider.SendKeys(Keys.Home);
        Assert.AreEqual("0", slider.GetAttribute("value"));
        for (var i = 0; i < 30; i++)
        {
            slider.SendKeys(Keys.ArrowRight);
        }

        Assert.AreEqual("30%", Script(driver, "return document.getElementById('compare').style.getPropertyValue('--split');"));
        Assert.AreEqual("70% denoised", slider.GetAttribute("aria-valuetext"));
        slider.SendKeys(Keys.End);
        for (var i = 0; i < 50; i++)
        {
            slider.SendKeys(Keys.ArrowLeft);
        }

        Shoot(driver, "09-result");

        // On a phone's width the view follows the page's width and the whole image fills it.
        driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
        wait.Until(_ => Math.Abs(ImageBox(driver, "after").Width - Box(driver, compare).Width) < 1);
        Shoot(driver, "09-result-phone");
        driver.Manage().Window.Size = new System.Drawing.Size(1280, 1000);

        // A refresh after completion shows the result again.
        driver.Navigate().Refresh();
        wait.Until(d => d.FindElement(By.Id("result")).Displayed);
        WaitForImages(driver, wait);
        Assert.AreEqual(resultUrl, driver.Url);

        // The download is a PNG of the uploaded size.
        driver.FindElement(By.Id("download-png")).Click();
        var downloaded = WaitForDownload(downloads, TimeSpan.FromSeconds(30));
        var image = ImageIo.Decode(await File.ReadAllBytesAsync(downloaded, TestContext.CancellationToken));
        Assert.AreEqual((256, 256), (image.Width, image.Height));
        Assert.AreEqual("camera_noisy_g25-denoised.png", Path.GetFileName(downloaded));
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task AfterTheLastStepThePageSaysItIsFinishing()
    {
        // Two steps, then the high quality's eight inference passes over a 1600x1200 image: seconds of finishing.
        using var server = new Server(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "2" });
        using var work = new TempFolder();
        using var driver = StartChromium(work["profile"], work["downloads"]);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120)) { PollingInterval = TimeSpan.FromMilliseconds(20) };
        driver.Navigate().GoToUrl(server.Url);
        var photo = work["flat.png"];
        await File.WriteAllBytesAsync(photo, FlatPng(1600, 1200), TestContext.CancellationToken);
        driver.FindElement(By.Id("file")).SendKeys(photo);
        driver.FindElement(By.CssSelector("input[name=quality][value=high]")).Click();
        driver.FindElement(By.Id("start")).Click();

        wait.Until(d => d.FindElement(By.Id("stat-left")).Text == "finishing…");
        StringAssert.StartsWith(driver.FindElement(By.Id("status")).Text, "Finishing:");
        Assert.AreEqual("2 / 2", driver.FindElement(By.Id("stat-step")).Text);
        StringAssert.Contains(driver.FindElement(By.Id("plan")).Text, "high quality");
        Shoot(driver, "10-finishing");
        wait.Until(d => d.FindElement(By.Id("result")).Displayed);
    }

    private static int Step(IWebDriver driver) =>
        int.TryParse(driver.FindElement(By.Id("stat-step")).Text.Split(" / ")[0], out var step) ? step : 0;

    private static string ActiveElementId(IWebDriver driver) => (string)Script(driver, "return document.activeElement.id;");

    private static double DevicePixelRatio(IWebDriver driver) => Convert.ToDouble(Script(driver, "return window.devicePixelRatio;"), CultureInfo.InvariantCulture);

    private static Rect ImageBox(IWebDriver driver, string id) => Box(driver, driver.FindElement(By.Id(id)));

    private static Rect Box(IWebDriver driver, IWebElement element)
    {
        var box = (IReadOnlyDictionary<string, object>)Script(driver,
            "const r = arguments[0].getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height };", element);
        double Read(string key) => Convert.ToDouble(box[key], CultureInfo.InvariantCulture);
        return new Rect(Read("left"), Read("top"), Read("width"), Read("height"));
    }

    private static void WaitForImages(IWebDriver driver, WebDriverWait wait) =>
        wait.Until(_ => (bool)Script(driver, "return ['before', 'after'].every(id => { const i = document.getElementById(id); return i.complete && i.naturalWidth > 0; });"));

    // Two touch points `from` pixels either side of the element's centre, moved apart to `to` pixels.
    private static void Pinch(IWebDriver driver, IWebElement element, int from, int to)
    {
        var fingers = new[] { new PointerInputDevice(PointerKind.Touch, "finger1"), new PointerInputDevice(PointerKind.Touch, "finger2") };
        var pinch = new ActionBuilder();
        for (var f = 0; f < 2; f++)
        {
            var side = f == 0 ? -1 : 1;
            pinch.AddAction(fingers[f].CreatePointerMove(element, side * from, 0, TimeSpan.Zero));
        }

        foreach (var finger in fingers)
        {
            pinch.AddAction(finger.CreatePointerDown(MouseButton.Touch));
        }

        for (var f = 0; f < 2; f++)
        {
            var side = f == 0 ? -1 : 1;
            pinch.AddAction(fingers[f].CreatePointerMove(element, side * to, 0, TimeSpan.FromMilliseconds(300)));
        }

        foreach (var finger in fingers)
        {
            pinch.AddAction(finger.CreatePointerUp(MouseButton.Touch));
        }

        ((IActionExecutor)driver).PerformActions(pinch.ToActionSequenceList());
    }

    // A PNG of one grey: tiny as a file however many pixels it has.
    private static byte[] FlatPng(int width, int height)
    {
        var image = new PlanarImage(1, height, width);
        image.Pixels.Fill(0.5f);
        return ImageIo.Encode(image, ".png");
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
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000", $"--user-data-dir={profile}");
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

    // Each state as the visitor saw it, under the test results.
    private void Shoot(ChromeDriver driver, string name)
    {
        var path = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "web-screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        driver.GetScreenshot().SaveAsFile(path);
        TestContext.AddResultFile(path);
        TestContext.WriteLine($"screenshot: {path}");
    }

    private readonly record struct Rect(double Left, double Top, double Width, double Height);

    /// <summary>The app on Kestrel at a free 127.0.0.1 port with the test settings and <c>overrides</c>.</summary>
    private sealed class Server : IDisposable
    {
        private readonly WebAppFactory _factory;

        public Server(IReadOnlyDictionary<string, string?> overrides)
        {
            var port = LocalPorts.Free();
            _factory = new WebAppFactory(overrides);
            _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
            _factory.StartServer();
            Url = $"http://127.0.0.1:{port}/";
        }

        public string Url { get; }

        public JobStore Jobs => (JobStore)_factory.Services.GetService(typeof(JobStore))!;

        public void Dispose() => _factory.Dispose();
    }
}
