using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Options;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

/// <summary>
/// The upload as a typed form (issue 17): fields bound by the framework and checked by the app, each refusal naming its
/// field or limit; the CLI's speed and quality choices reaching the engine; the body limit enforced by the server
/// before the form is read; and a run that would not fit in memory refused from the image's header.
/// </summary>
[TestClass]
public sealed class UploadFormTests
{
    [TestMethod]
    [DataRow("sigma", "abc", "Sigma")]
    [DataRow("mode", "bogus", "Mode")]
    [DataRow("preset", "turbo", "Preset")]
    [DataRow("quality", "best", "Quality")]
    [DataRow("noise", "loud", "Noise")]
    public async Task AFieldTheFrameworkCannotBindGets400NamingIt(string field, string value, string named)
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        using var form = ApiClient.Upload(TestImages.RandomPng(8, 8), mode: field == "mode" ? null : "addNoise");
        form.Add(new StringContent(value), field);

        using var response = await client.PostAsync("/api/jobs", form);

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.Detail, $"'{value}'");
        StringAssert.Contains(problem.Detail, named);
        factory.AssertNothingStored();
    }

    [TestMethod]
    [DataRow("mode", "7")]
    [DataRow("preset", "5")]
    [DataRow("quality", "9")]
    [DataRow("noise", "5")]
    public async Task ANumberThatNamesNoChoiceGets400WithTheFieldNamed(string field, string value)
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();
        using var form = ApiClient.Upload(TestImages.RandomPng(8, 8));
        form.Add(new StringContent(value), field);

        using var response = await client.PostAsync("/api/jobs", form);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        CollectionAssert.AreEqual(new[] { field }, problem.Errors.Keys.ToArray());
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task TheSpeedAndQualityChoicesReachTheEngine()
    {
        // The presets' own step counts (no Iterations setting); the jobs are cancelled before they train far.
        using (var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = null }))
        {
            using var client = factory.CreateClient();
            var fast = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8), preset: "fast");
            var high = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8), quality: "high");
            await client.PostAsync(fast.Links.Cancel, null);
            await client.PostAsync(high.Links.Cancel, null);

            Assert.AreEqual((Preset.Fast, Quality.Official, ScheduleOptions.FastIterations), (fast.Preset, fast.Quality, fast.TotalIterations));
            Assert.AreEqual((Preset.Official, Quality.High, 3000), (high.Preset, high.Quality, high.TotalIterations));
        }

        // Quality high trains the deep network (one convolution more) and averages it over the 8 flips and rotations.
        using (var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "2" }))
        {
            using var client = factory.CreateClient();
            var convolutions = new Dictionary<string, int>();
            foreach (var quality in new[] { "official", "high" })
            {
                var created = await ApiClient.CreateAsync(client, TestImages.RandomPng(16, 16), quality: quality);
                var done = await ApiClient.WaitForAsync(client, created.Id, ApiClient.IsFinished);
                Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
                var model = ModelProto.Parser.ParseFrom(await client.GetByteArrayAsync(done.Links.Model));
                convolutions[quality] = model.Graph.Node.Count(node => node.OpType == "Conv");
            }

            Assert.AreEqual(3, convolutions["official"], "the paper's network: two 3x3 convolutions and a 1x1");
            Assert.AreEqual(8 * 4, convolutions["high"], "the deep network (a third 3x3 convolution) once for each of the 8 transforms");
        }
    }

    [TestMethod]
    public async Task TheNoiseChoiceReachesTheEngineAndAutoSaysWhatItFound()
    {
        // The camera test photo: auto finds its noise correlated and trains the camera mode, whose model splits the image
        // into its pixel-shuffle sub-images and runs the paper's network on them and once more on the whole image.
        var photo = File.ReadAllBytes(RepositoryPaths.DevImage("camera", "camera.png"));
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:Iterations"] = "2" });
        using var client = factory.CreateClient();

        var auto = await ApiClient.CreateAsync(client, photo, noise: "auto");
        var independent = await ApiClient.CreateAsync(client, TestImages.RandomPng(16, 16));
        var done = await ApiClient.WaitForAsync(client, auto.Id, ApiClient.IsFinished, TimeSpan.FromMinutes(5));

        Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        Assert.AreEqual(NoiseMode.Auto, auto.Noise);
        Assert.IsTrue(auto.NoiseEstimate!.IsCorrelated);
        Assert.AreEqual(0.457, auto.NoiseEstimate.Ratio, 0.001);
        Assert.AreEqual("camera (auto: correlated noise (ratio 0.46, level 9.5/255))", done.NoiseDescription);
        var model = ModelProto.Parser.ParseFrom(await client.GetByteArrayAsync(done.Links.Model));
        Assert.AreEqual((1, 1, 6), (model.Graph.Node.Count(n => n.OpType == "SpaceToDepth"), model.Graph.Node.Count(n => n.OpType == "DepthToSpace"),
            model.Graph.Node.Count(n => n.OpType == "Conv")));
        Assert.AreEqual((NoiseMode.Independent, "independent"), (independent.Noise, independent.NoiseDescription));
        Assert.IsNull(independent.NoiseEstimate);
    }

    [TestMethod]
    public async Task AnImageTooSmallForTheCameraModeGets422()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(TestImages.RandomPng(3, 8), noise: "camera"));

        var problem = await ApiClient.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        StringAssert.Contains(problem.Detail, "needs at least 4x4 pixels");
        factory.AssertNothingStored();
    }

    [TestMethod]
    public async Task AnImageWhoseRunWouldNotFitInMemoryIsRefusedFromItsHeaderAtOnce()
    {
        long small, large;
        using (var probe = new WebAppFactory())
        {
            var denoiser = probe.Services.GetRequiredService<DenoiserChoices>().For(Preset.Official, Quality.Official, NoiseMode.Independent);
            small = denoiser.Plan(3, 16, 16).Memory.TotalBytes;
            large = denoiser.Plan(3, 1500, 2000).Memory.TotalBytes;
        }

        Assert.IsLessThan(large, small);
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MemoryLimitBytes"] = ((small + large) / 2).ToString() });
        using var client = factory.CreateClient();

        // A header claiming 2000x1500 over a few bytes of pixels: decoding would fail (422); the estimate comes first.
        using var refused = await client.PostAsync("/api/jobs", ApiClient.Upload(HostileCorpus.PngBomb(2000, 1500), "big.png"));

        var problem = await ApiClient.AssertProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.AreEqual("Image too large for this server", problem.Title);
        StringAssert.Contains(problem.Detail, "2000x1500");
        StringAssert.Contains(problem.Detail, "MiB");
        factory.AssertNothingStored();
        await ApiClient.CreateAsync(client, TestImages.RandomPng(16, 16));
    }

    [TestMethod]
    public async Task TheServerStopsABodyOverTheLimitBeforeTheFormIsReadAndSaysTheLimitInMiB()
    {
        var port = LocalPorts.Free();
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MaxBytes"] = "2000" });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Well above MaxBytes and the room for the form around it: Kestrel refuses the declared length.
        using var tooLarge = await client.PostAsync("/api/jobs", ApiClient.Upload(new byte[200_000]));
        var problem = await ApiClient.AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        Assert.AreEqual("Uploads may be at most 2.0 KiB (2000 bytes).", problem.Detail);

        using var notAForm = await client.PostAsJsonAsync("/api/jobs", new { image = "x" });
        problem = await ApiClient.AssertProblemAsync(notAForm, HttpStatusCode.UnsupportedMediaType);
        StringAssert.Contains(problem.Detail, "multipart/form-data");
        factory.AssertNothingStored();
    }
}
