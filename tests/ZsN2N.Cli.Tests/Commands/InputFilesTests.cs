using ZsN2N.Cli.Commands;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class InputFilesTests
{
    [TestMethod]
    public void FolderGivesItsImageFilesByNameThenExplicitFilesInOrderWithoutDuplicates()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["in"]);
        foreach (var name in new[] { "b.PNG", "a.jpg", "c.tiff", "d.txt", ".hidden.png", "e.webp" })
        {
            File.WriteAllText(folder[Path.Combine("in", name)], "x");
        }

        Directory.CreateDirectory(folder["in/sub"]);
        File.WriteAllText(folder["in/sub/f.png"], "x");
        File.WriteAllText(folder["other.bmp"], "x");

        var files = InputFiles.Expand([folder["other.bmp"], folder["in"], folder["in/a.jpg"]]);

        CollectionAssert.AreEqual(
            new[] { "other.bmp", "a.jpg", "b.PNG", "c.tiff", "e.webp" },
            files.Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void MissingInputThrowsNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => InputFiles.Expand(["/no/such/file.png"]));
        StringAssert.Contains(error.Message, "/no/such/file.png");
    }

    [TestMethod]
    public void SameOutputNameFromTwoInputsIsAConflict()
    {
        var conflict = InputFiles.FindConflict(["/a/x.png", "/b/x.jpg"], "/out");
        StringAssert.Contains(conflict, "/a/x.png");
        StringAssert.Contains(conflict, "/b/x.jpg");
        Assert.IsNull(InputFiles.FindConflict(["/a/x.png", "/b/y.png"], "/out"));
    }
}
