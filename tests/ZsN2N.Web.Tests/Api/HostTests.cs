using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

[TestClass]
public sealed class HostTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task HealthIsHealthy()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("Healthy", await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task OpenApiDescribesTheJobApiAndTheUploadFormsFields()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "\"/api/jobs\"", "\"/api/jobs/{id}\"", "\"/api/jobs/{id}/events\"", "\"/api/jobs/{id}/cancel\"", "\"/api/jobs/{id}/result.png\"", "\"/api/jobs/{id}/model.onnx\"" })
        {
            StringAssert.Contains(text, path);
        }

        StringAssert.Contains(text, "\"413\"");
        StringAssert.Contains(text, "\"429\"");

        // The upload's fields, with their types, as a generated client needs them.
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.GetProperty("paths").GetProperty("/api/jobs").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        var reference = body.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var form = schemas.GetProperty(reference.Split('/')[^1]);
        CollectionAssert.AreEquivalent(new[] { "image", "mode", "sigma", "preset", "quality", "noise" }, form.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "image" }, form.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToArray());
        foreach (var (field, expected) in new[]
                 {
                     ("image", "\"binary\""), ("sigma", "\"double\""), ("mode", "\"noisy\" \"addNoise\""), ("preset", "\"official\" \"fast\""),
                     ("quality", "\"official\" \"high\""), ("noise", "\"independent\" \"camera\" \"auto\""),
                 })
        {
            var schema = Resolved(form.GetProperty("properties").GetProperty(field), schemas);
            foreach (var part in expected.Split(' '))
            {
                StringAssert.Contains(schema, part, field);
            }
        }
    }

    // A schema's text with the schemas it refers to appended.
    private static string Resolved(JsonElement schema, JsonElement schemas)
    {
        var text = schema.ToString();
        return text + string.Concat(schemas.EnumerateObject().Where(s => text.Contains($"/{s.Name}\"", StringComparison.Ordinal)).Select(s => s.Value.ToString()));
    }

    [TestMethod]
    public async Task ThePageAndItsAssetsAreServedLocally()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/");
        StringAssert.Contains(html, "app.js");
        StringAssert.Contains(html, "app.css");
        Assert.IsFalse(html.Contains("https://", StringComparison.Ordinal) || html.Contains("//cdn", StringComparison.OrdinalIgnoreCase), "no external scripts or styles");
        foreach (var asset in new[] { "/app.js", "/app.css" })
        {
            using var response = await client.GetAsync(asset);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, asset);
        }
    }

    [TestMethod]
    public async Task LimitsComeFromConfigurationAndNameTheAcceptedFormatsAndChoices()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:MaxBytes"] = "12345",
            ["ZsN2N:MaxPixels"] = "6789",
            ["ZsN2N:Iterations"] = null,
            ["ZsN2N:ResultLifetime"] = "00:10:00",
        });
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/limits"));
        var limits = document.RootElement;

        Assert.AreEqual(12345, limits.GetProperty("maxBytes").GetInt64());
        Assert.AreEqual(6789, limits.GetProperty("maxPixels").GetInt64());
        Assert.AreEqual(8, limits.GetProperty("width").GetInt32());
        Assert.AreEqual(600, limits.GetProperty("resultLifetimeSeconds").GetDouble());
        Assert.AreEqual(3000, limits.GetProperty("iterations").GetProperty("official").GetInt32(), "the official preset's steps");
        Assert.AreEqual(1500, limits.GetProperty("iterations").GetProperty("fast").GetInt32(), "the fast preset's steps");
        CollectionAssert.AreEqual(new[] { "official", "high" }, limits.GetProperty("qualities").EnumerateArray().Select(q => q.GetString()).ToArray());
        var formats = limits.GetProperty("formats").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(new[] { "PNG", "JPEG", "BMP", "WebP", "GIF", "TIFF" }, formats.Select(f => f.GetProperty("name").GetString()).ToArray());
        Assert.IsTrue(formats.Any(f => f.GetProperty("mediaTypes").EnumerateArray().Any(t => t.GetString() == "image/gif")), "GIF, which the server decodes, is offered to the page");
    }

    // A host of the job pipeline alone, not WebApplicationFactory: when an app fails at start, the factory's deferred
    // host may read services the failing entry point has already disposed (dotnet/aspnetcore#38335).
    [TestMethod]
    [DataRow("ZsN2N:Workers", "0")]
    [DataRow("ZsN2N:QueueCapacity", "0")]
    [DataRow("ZsN2N:MaxBytes", "-1")]
    [DataRow("ZsN2N:ResultLifetime", "-00:00:01")]
    [DataRow("ZsN2N:Iterations", "0")]
    public async Task InvalidOptionsStopTheHostAtStart(string key, string value)
    {
        var store = Path.Combine(Path.GetTempPath(), "zsn2n-web-tests", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(WebAppFactory.Settings(store, new Dictionary<string, string?> { [key] = value }));
        builder.Services.AddDenoiseJobs();
        using var host = builder.Build();

        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => host.StartAsync(TestContext.CancellationToken));

        StringAssert.Contains(error.Message, key.Split(':')[1]);
        Assert.IsFalse(Directory.Exists(store), "nothing is written before the settings are valid");
    }

    [TestMethod]
    public void TheAppExitsWithCodeTwoAndNamesAnInvalidSetting()
    {
        var web = Path.Combine(AppContext.BaseDirectory, "ZsN2N.Web.dll");

        var (exitCode, stdout, stderr) = DotnetApp.Run(web, AppContext.BaseDirectory, TimeSpan.FromMinutes(1),
            ["--contentRoot", RepositoryPaths.WebProject, "--urls", "http://127.0.0.1:0", "--ZsN2N:QueueCapacity=0"]);

        Assert.AreEqual(2, exitCode, stderr);
        var lastLine = stderr.TrimEnd().Split('\n')[^1];
        StringAssert.StartsWith(lastLine, "zsn2n-web: invalid settings:");
        StringAssert.Contains(lastLine, "QueueCapacity");
        Assert.IsFalse(stderr.Contains("Unhandled exception", StringComparison.Ordinal), stderr);
        Assert.IsFalse(stdout.Contains("Now listening", StringComparison.Ordinal), stdout);
    }
}
