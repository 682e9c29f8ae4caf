using System.ComponentModel;
using Spectre.Console.Cli;

namespace ZsN2N.LargeBench;

/// <summary>The options of the commands that read the development photos.</summary>
internal abstract class DevDataSettings : LargeBenchSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The development data (clean/, noisy_g25/, large/). Default: shared/data/dev in or beside a folder above the tool.")]
    public string? Data { get; init; }

    /// <summary>The development data folder.</summary>
    public string DevData => Data ?? FindDevData();

    private static string FindDevData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "dev"), Path.Combine(dir.FullName, "..", "shared", "data", "dev") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data", "dev"));
    }
}
