using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

[TestClass]
public sealed class JobsApiTests
{
    [TestMethod]
    public async Task UploadIsAcceptedAndTheResultAndModelCanBeDownloaded()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(TestImages.RandomPng(12, 10), "tiny photo.png"));

        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JobView>(ApiClient.Json))!;
        Assert.AreEqual($"/api/jobs/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.IsTrue(JobId.IsValid(created.Id), created.Id);
        Assert.AreEqual((12, 10, 3), (created.Width, created.Height, created.Channels));
        Assert.AreEqual(JobMode.Noisy, created.Mode);
        Assert.AreEqual((Preset.Official, Quality.Official), (created.Preset, created.Quality));
        Assert.AreEqual("the whole image", created.Training, "the plan is known at upload");
        Assert.AreEqual("tiny photo.png", created.FileName);

        var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);
        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        Assert.AreEqual(20, done.Iteration);
        Assert.IsNotNull(done.Loss);
        Assert.IsNull(done.PsnrDenoised, "no clean original, so no PSNR");
        Assert.AreEqual("the whole image", done.Training);
        Assert.IsNotNull(done.ExpiresAt);

        using var png = await client.GetAsync(done.Links.Result);
        Assert.AreEqual(HttpStatusCode.OK, png.StatusCode);
        Assert.AreEqual("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual("tiny photo-denoised.png", png.Content.Headers.ContentDisposition?.FileNameStar ?? png.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var denoised = ImageIo.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.AreEqual((12, 10, 3), (denoised.Width, denoised.Height, denoised.Channels));

        using var model = await client.GetAsync(done.Links.Model);
        Assert.AreEqual(HttpStatusCode.OK, model.StatusCode);
        var onnx = ZsN2N.Ort.Onnx.Protos.ModelProto.Parser.ParseFrom(await model.Content.ReadAsByteArrayAsync());
        Assert.IsTrue(onnx.Graph.Node.Count > 0);

        using var input = await client.GetAsync(done.Links.Input);
        Assert.AreEqual(HttpStatusCode.OK, input.StatusCode);
    }

    [TestMethod]
    public async Task ALargePhotoSaysItTrainsOnCrops()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "2" });
        using var client = factory.CreateClient();

        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(600, 520));
        var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);

        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        Assert.AreEqual($"{ZsN2N.Ort.Options.PatchTrainingOptions.DefaultCount} random 128x128 crop{(ZsN2N.Ort.Options.PatchTrainingOptions.DefaultCount == 1 ? "" : "s")} per step", done.Training);
    }

    [TestMethod]
    public async Task AddNoiseModeReportsPsnrAgainstTheUpload()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        var created = await ApiClient.CreateAsync(client, TestImages.DevCropPng(100, 100, 16, 16), mode: "addNoise", sigma: "0.2");
        var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);

        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        Assert.AreEqual(JobMode.AddNoise, done.Mode);
        Assert.AreEqual(0.2, done.Sigma);
        Assert.IsNotNull(done.PsnrNoisy);
        Assert.IsNotNull(done.PsnrDenoised);
        Assert.IsTrue(done.PsnrNoisy is > 5 and < 40, $"PSNR of σ = 0.2 noise: {done.PsnrNoisy}");
    }

    [TestMethod]
    public async Task ProgressIsStreamedAsServerSentEventsUntilTheJobEnds()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));

        using var response = await client.GetAsync(created.Links.Events, HttpCompletionOption.ResponseHeadersRead);
        Assert.AreEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(); // the stream ends when the job does

        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.IsTrue(events.Length >= 1);
        Assert.IsTrue(events.All(e => e.StartsWith("event: job\n", StringComparison.Ordinal)), body);
        var last = System.Text.Json.JsonSerializer.Deserialize<JobView>(events[^1].Split("data: ", 2)[1], ApiClient.Json)!;
        Assert.AreEqual(JobStatus.Succeeded, last.Status);
        Assert.AreEqual(20, last.Iteration);
    }

    [TestMethod]
    public async Task UploadAboveMaxBytesGets413AndWritesNothing()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MaxBytes"] = "2000" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(TestImages.RandomPng(64, 64)));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        StringAssert.Contains(problem.Detail, "2000 bytes");
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task BodyFarAboveMaxBytesGets413BeforeItIsRead()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MaxBytes"] = "2000" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(new byte[200_000]));

        await ApiClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task ImageAboveMaxPixelsGets413FromItsHeader()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MaxPixels"] = "100" });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(TestImages.RandomPng(16, 16)));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        StringAssert.Contains(problem.Detail, "16x16");
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task FileThatIsNotAnImageGets415()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload("this is not an image"u8.ToArray(), "notes.txt"));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        StringAssert.Contains(problem.Detail, "notes.txt");
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task RequestThatIsNotAFormGets415()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/jobs", new { image = "x" });

        await ApiClient.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [TestMethod]
    public async Task TruncatedImageGets422()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        var png = TestImages.RandomPng(32, 32);

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(png[..(png.Length / 2)]));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        StringAssert.Contains(problem.Detail, "decoded");
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task EmptyFileGets422()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload([]));

        await ApiClient.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [TestMethod]
    public async Task MissingImageOrBadSigmaGets400WithTheFieldNamed()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var noImage = await client.PostAsync("/api/jobs", new MultipartFormDataContent { { new StringContent("noisy"), "mode" } });
        var problem = await noImage.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.AreEqual(HttpStatusCode.BadRequest, noImage.StatusCode);
        Assert.IsTrue(problem!.Errors.ContainsKey("image"));

        using var badSigma = await client.PostAsync("/api/jobs", ApiClient.Upload(TestImages.RandomPng(8, 8), mode: "addNoise", sigma: "3"));
        problem = await badSigma.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.AreEqual(HttpStatusCode.BadRequest, badSigma.StatusCode);
        Assert.IsTrue(problem!.Errors.ContainsKey("sigma"));
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task FullQueueGets429WithRetryAfter()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "5000000",
            ["ZsN2N:QueueCapacity"] = "1",
            ["ZsN2N:RetryAfter"] = "00:00:07",
        });
        using var client = factory.CreateClient();
        var png = TestImages.RandomPng(8, 8);

        var running = await ApiClient.CreateAsync(client, png);
        await ApiClient.WaitForAsync(client, running.Id, v => v.Status == JobStatus.Running);
        var queued = await ApiClient.CreateAsync(client, png);
        Assert.AreEqual(0, (await ApiClient.GetAsync(client, queued.Id)).QueuePosition);

        using var refused = await client.PostAsync("/api/jobs", ApiClient.Upload(png));

        await ApiClient.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.AreEqual(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.AreEqual(2, Directory.GetDirectories(factory.JobsFolder).Length, "the refused upload wrote nothing");

        await client.PostAsync(queued.Links.Cancel, null);
        await client.PostAsync(running.Links.Cancel, null);
        await ApiClient.WaitForAsync(client, running.Id, ApiClient.IsFinished);
    }

    [TestMethod]
    public async Task CancelStopsARunningJob()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "5000000" });
        using var client = factory.CreateClient();
        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));
        await ApiClient.WaitForAsync(client, created.Id, v => v.Status == JobStatus.Running && v.Iteration > 0);

        using var response = await client.PostAsync(created.Links.Cancel, null);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<JobView>(ApiClient.Json))!;
        Assert.AreEqual(JobStatus.Canceled, cancelled.Status);
        Assert.IsNull(cancelled.Links.Result);
        using var result = await client.GetAsync($"/api/jobs/{created.Id}/result.png");
        Assert.AreEqual(HttpStatusCode.Conflict, result.StatusCode);

        // The worker notices at its next step and takes the next job.
        var next = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));
        await ApiClient.WaitForAsync(client, next.Id, v => v.Status == JobStatus.Running);
        await client.PostAsync(next.Links.Cancel, null);
    }

    [TestMethod]
    public async Task JobNobodyWatchesIsCancelled()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "5000000",
            ["ZsN2N:AbandonAfter"] = "00:00:01",
        });
        using var client = factory.CreateClient();
        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));

        // A stream that opens and goes away, as a closed tab's does; then nobody asks for 1 s.
        using (var cts = new CancellationTokenSource())
        {
            using var events = await client.GetAsync(created.Links.Events, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            await cts.CancelAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(4)); // no polling meanwhile: a status request counts as watching
        var view = await ApiClient.GetAsync(client, created.Id);
        Assert.AreEqual(JobStatus.Canceled, view.Status);
        StringAssert.Contains(view.Error, "nobody watched");
    }

    [TestMethod]
    public async Task FinishedJobExpiresAndItsFilesAreDeleted()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:ResultLifetime"] = "00:00:03" });
        using var client = factory.CreateClient();
        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));
        var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);
        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        var folder = Path.Combine(factory.JobsFolder, created.Id);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "denoised.png")));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Directory.Exists(folder) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.IsFalse(Directory.Exists(folder), "the expired job's folder is deleted");
        using var status = await client.GetAsync(done.Links.Self);
        await ApiClient.AssertProblemAsync(status, HttpStatusCode.NotFound);
        using var result = await client.GetAsync($"/api/jobs/{created.Id}/result.png");
        Assert.AreEqual(HttpStatusCode.NotFound, result.StatusCode);
    }

    [TestMethod]
    public async Task DeleteRemovesTheJobAndItsFolder()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));
        await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);

        using var response = await client.DeleteAsync(created.Links.Self);

        Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.IsFalse(Directory.Exists(Path.Combine(factory.JobsFolder, created.Id)));
        using var again = await client.DeleteAsync(created.Links.Self);
        Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode);
    }

    [TestMethod]
    public async Task UnknownJobGets404()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        var unknown = JobId.New();

        foreach (var url in new[] { $"/api/jobs/{unknown}", $"/api/jobs/{unknown}/result.png", $"/api/jobs/{unknown}/model.onnx", $"/api/jobs/{unknown}/events" })
        {
            using var response = await client.GetAsync(url);
            await ApiClient.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }

        using var cancel = await client.PostAsync($"/api/jobs/{unknown}/cancel", null);
        await ApiClient.AssertProblemAsync(cancel, HttpStatusCode.NotFound);
    }

    [TestMethod]
    [DataRow("/api/jobs/..%2F..%2F..%2Fetc%2Fpasswd")]
    [DataRow("/api/jobs/..%2F..%2F..%2Fetc%2Fpasswd/result.png")]
    [DataRow("/api/jobs/%2e%2e/result.png")]
    [DataRow("/api/jobs/..%5C..%5Cappsettings.json/model.onnx")]
    [DataRow("/api/jobs/%2Fetc%2Fpasswd/input.png")]
    [DataRow("/api/jobs/0123456789abcdef0123456789abcde%2F/result.png")]
    [DataRow("/api/jobs/0123456789ABCDEF0123456789ABCDEF/result.png")]
    [DataRow("/..%2F..%2Fappsettings.json")]
    [DataRow("/%2e%2e/%2e%2e/etc/passwd")]
    [DataRow("/appsettings.json")]
    public async Task PathTraversalReachesNoFile(string url)
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        // A real job exists, so a lookup that escaped the id check would have a folder to climb out of.
        await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));

        using var response = await client.GetAsync(url);

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsFalse(body.Contains("root:", StringComparison.Ordinal) || body.Contains("\"ZsN2N\"", StringComparison.Ordinal), body);
    }

    [TestMethod]
    public async Task JobIdsAreRandomAndUnguessable()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "1" });
        using var client = factory.CreateClient();

        var first = await ApiClient.CreateAsync(client, TestImages.RandomPng(4, 4));
        var second = await ApiClient.CreateAsync(client, TestImages.RandomPng(4, 4));

        Assert.AreEqual(JobId.Length, first.Id.Length);
        Assert.AreNotEqual(first.Id, second.Id);
        var sameDigits = first.Id.Zip(second.Id).Count(pair => pair.First == pair.Second);
        Assert.IsTrue(sameDigits < 16, $"{first.Id} and {second.Id} share {sameDigits} of 32 digits");
    }
}
