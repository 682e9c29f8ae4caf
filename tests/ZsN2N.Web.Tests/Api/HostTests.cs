using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

[TestClass]
public sealed class HostTests
{
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

    [TestMethod]
    [DataRow("ZsN2N:Workers", "0")]
    [DataRow("ZsN2N:QueueCapacity", "0")]
    [DataRow("ZsN2N:MaxBytes", "-1")]
    [DataRow("ZsN2N:ResultLifetime", "-00:00:01")]
    [DataRow("ZsN2N:Iterations", "0")]
    public void InvalidOptionsStopTheAppAtStart(string key, string value)
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => factory.CreateClient());

        StringAssert.Contains(error.Message, key.Split(':')[1]);
    }
}
