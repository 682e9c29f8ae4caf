using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>
/// Hosts the web app for a test with small, fast settings (a width-8 network, 20 steps, one thread) and a job store
/// root of its own, deleted on dispose; or, given <paramref name="storePath"/>, a root the test shares between
/// instances and deletes itself. <paramref name="overrides"/> replace any of the <c>ZsN2N</c> settings.
/// </summary>
internal sealed class WebAppFactory(IReadOnlyDictionary<string, string?>? overrides = null, string? storePath = null) : WebApplicationFactory<Program>
{
    /// <summary>A new, unused store root under the temporary folder.</summary>
    public static string NewStorePath() => Path.Combine(Path.GetTempPath(), "zsn2n-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>This instance's job store root (the <c>StorePath</c> setting).</summary>
    public string StorePath { get; } = storePath ?? NewStorePath();

    /// <summary>The folder under <see cref="StorePath"/> this instance owns, holding one folder per job.</summary>
    public string JobsFolder => Services.GetRequiredService<JobStore>().Root;

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
        if (disposing && storePath is null && Directory.Exists(StorePath))
        {
            Directory.Delete(StorePath, recursive: true);
        }
    }
}
