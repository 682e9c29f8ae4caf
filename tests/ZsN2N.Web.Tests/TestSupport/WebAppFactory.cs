using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>
/// Hosts the web app for a test with small, fast settings (a width-8 network, 20 steps, one thread) and a job store
/// root of its own, deleted on dispose; or, given <paramref name="storePath"/>, a root the test shares between
/// instances and deletes itself. <paramref name="overrides"/> replace any of the <c>ZsN2N</c> settings. Disposing
/// returns once the app has stopped and released its job store.
/// </summary>
internal sealed class WebAppFactory(IReadOnlyDictionary<string, string?>? overrides = null, string? storePath = null) : WebApplicationFactory<Program>
{
    private string? _jobsFolder;
    private bool _released;

    /// <summary>A new, unused store root under the temporary folder.</summary>
    public static string NewStorePath() => Path.Combine(Path.GetTempPath(), "zsn2n-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>This instance's job store root (the <c>StorePath</c> setting).</summary>
    public string StorePath { get; } = storePath ?? NewStorePath();

    /// <summary>The folder under <see cref="StorePath"/> this instance owns, holding one folder per job.</summary>
    public string JobsFolder => Services.GetRequiredService<JobStore>().Root;

    /// <summary>Asserts the instance's store holds no job: a refused upload writes nothing.</summary>
    public void AssertNothingStored() =>
        CollectionAssert.AreEqual(new[] { StoreFolder.LockFileName }, Directory.GetFileSystemEntries(JobsFolder).Select(Path.GetFileName).ToArray(),
            "a refused upload writes nothing");

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

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _jobsFolder = host.Services.GetRequiredService<JobStore>().Root;
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _released)
        {
            return;
        }

        _released = true;
        WaitUntilStoreReleased();
        if (storePath is null && Directory.Exists(StorePath))
        {
            Directory.Delete(StorePath, recursive: true);
        }
    }

    // The app disposes its services on its own thread once its host has stopped (minimal hosting runs Program on a
    // thread of its own), so its job store may still be deleting its folders when the factory returns. It releases
    // its folder's lock last: once the lock can be taken, the store is done.
    private void WaitUntilStoreReleased()
    {
        if (_jobsFolder is null)
        {
            return;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new FileStream(Path.Combine(_jobsFolder, StoreFolder.LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
