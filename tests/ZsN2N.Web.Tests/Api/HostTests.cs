using System.Net;
using System.Net.Http.Json;
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
    public async Task OpenApiDescribesTheJobApi()
    {
        using var factory = new WebAppFactory();
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "\"/api/jobs\"", "\"/api/jobs/{id}\"", "\"/api/jobs/{id}/events\"", "\"/api/jobs/{id}/cancel\"", "\"/api/jobs/{id}/result.png\"", "\"/api/jobs/{id}/model.onnx\"" })
        {
            StringAssert.Contains(document, path);
        }

        StringAssert.Contains(document, "\"413\"");
        StringAssert.Contains(document, "\"429\"");
        StringAssert.Contains(document, "multipart/form-data");
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
    public async Task LimitsComeFromConfiguration()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { ["ZsN2N:MaxBytes"] = "12345", ["ZsN2N:MaxPixels"] = "6789" });
        using var client = factory.CreateClient();

        var limits = await client.GetFromJsonAsync<Endpoints.UploadLimits>("/api/limits", ApiClient.Json);

        Assert.AreEqual(new Endpoints.UploadLimits(12345, 6789, 20, 8), limits);
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
