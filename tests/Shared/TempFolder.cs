namespace ZsN2N.Tests.Shared;

/// <summary>A fresh folder under the system temp folder, deleted on dispose. Shared (linked) by the test projects.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>The folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zsn2n-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed mid-test may still hold a file for a moment; the temp folder is swept anyway.
        }
    }
}
