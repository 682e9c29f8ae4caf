using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>
/// Hosts the web app for a test with small, fast settings (a width-8 network, 20 steps, one thread) and a job store
/// folder of its own, deleted on dispose. <paramref name="overrides"/> replace any of the <c>ZsN2N</c> settings.
/// </summary>
internal sealed class WebAppFactory(IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    /// <summary>This instance's job store folder.</summary>
    public string StorePath { get; } = Path.Combine(Path.GetTempPath(), "zsn2n-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The small, fast test settings with <paramref name="storePath"/> as the job store and <paramref name="overrides"/> applied.</summary>
    public static Dictionary<string, string?> Settings(string storePath, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "20",
            ["ZsN2N:Width"] = "8",
            ["ZsN2N:Threads"] = "1",
            ["ZsN2N:Workers"] = "1",
            ["ZsN2N:QueueCapacity"] = "4",
            ["ZsN2N:SweepInterval"] = "00:00:00.200",
            ["ZsN2N:StorePath"] = storePath,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepositoryPaths.WebProject);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings(StorePath, overrides)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(StorePath))
        {
            Directory.Delete(StorePath, recursive: true);
        }
    }
}
