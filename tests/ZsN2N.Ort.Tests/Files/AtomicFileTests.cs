using ZsN2N.Ort.Files;

namespace ZsN2N.Ort.Tests.Files;

[TestClass]
public sealed class AtomicFileTests
{
    private readonly TempFolder _temp = new();

    private string Folder => _temp.Path;

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    [TestMethod]
    public void WritesTheBytesAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(Folder, "out.bin");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9]);

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        CollectionAssert.AreEqual(new[] { "out.bin" }, Directory.GetFiles(Folder).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void AFailedReplaceKeepsTheTargetAndRemovesTheTemporaryFile()
    {

        // A folder where the file should go: the bytes are written, the final rename fails.
        var path = Path.Combine(Folder, "taken");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "kept");

        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteAllBytes(path, [1, 2, 3]));

        Assert.AreEqual("kept", File.ReadAllText(Path.Combine(path, "inside.txt")));
        Assert.IsEmpty(Directory.GetFiles(Folder), "no temporary file is left");
    }

    [TestMethod]
    public async Task ACancelledAsyncWriteLeavesNeitherTheFileNorATemporaryOne()
    {
        var path = Path.Combine(Folder, "out.bin");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => AtomicFile.WriteAllBytesAsync(path, new byte[1 << 20], cancelled.Token));

        Assert.IsEmpty(Directory.GetFiles(Folder));
    }

    [TestMethod]
    public async Task WritesAsynchronouslyAndTextAsUtf8WithItsFolder()
    {
        var bytes = Path.Combine(Folder, "a.bin");
        var text = Path.Combine(Folder, "made", "b.json");

        await AtomicFile.WriteAllBytesAsync(bytes, new byte[] { 4, 5 });
        AtomicFile.WriteAllText(text, "{\"σ\": 25}");

        CollectionAssert.AreEqual(new byte[] { 4, 5 }, File.ReadAllBytes(bytes));
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes("{\"σ\": 25}"), File.ReadAllBytes(text));
    }
}
