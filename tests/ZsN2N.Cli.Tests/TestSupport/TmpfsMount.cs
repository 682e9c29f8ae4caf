using System.Diagnostics;

namespace ZsN2N.Cli.Tests.TestSupport;

/// <summary>
/// A small tmpfs mounted on a folder for a test (needs root with CAP_SYS_ADMIN, as in the CI container); unmounted on
/// dispose. Where mounting is not permitted the test is marked inconclusive, never passed.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "64k") on <paramref name="path"/>, creating the folder.</summary>
    public static TmpfsMount TryCreate(string path, string size)
    {
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path);
        if (code != 0)
        {
            Assert.Inconclusive($"Cannot mount a tmpfs here (mount exited {code}: {output.Trim()}); this fault needs root with CAP_SYS_ADMIN.");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Makes the file system read-only; writes then fail with EROFS even for root.</summary>
    public void RemountReadOnly()
    {
        var (code, output) = Run("mount", "-o", "remount,ro", Path);
        Assert.AreEqual(0, code, $"remount read-only: {output}");
    }

    /// <inheritdoc/>
    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Output) Run(string command, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
