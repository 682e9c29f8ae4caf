namespace ZsN2N.Ort.Tests.Onnx;

/// <summary>
/// The committed src/ZsN2N.Ort/Onnx/Protos/Onnx.g.cs is what the pinned protoc generates from onnx.proto beside it:
/// tools/generate-protos.ps1 -Check, run through the repository's local pwsh (.config/dotnet-tools.json), so the test
/// command (and CI with it) needs nothing but the .NET SDK.
/// </summary>
[TestClass]
public sealed class GeneratedProtosTests
{
    private const string ProtoFolder = "src/ZsN2N.Ort/Onnx/Protos";
    private const string Script = "tools/generate-protos.ps1";

    // A fresh machine downloads pwsh and Google.Protobuf.Tools first.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [ClassInitialize]
    public static void RestoreLocalTools(TestContext context)
    {
        var (exitCode, stdout, stderr) = DotnetApp.RunDotnet(RepositoryPaths.Root, Timeout, ["tool", "restore"]);
        Assert.AreEqual(0, exitCode, $"dotnet tool restore failed:\n{stdout}\n{stderr}");
    }

    [TestMethod]
    public void CommittedMessagesAreWhatProtocGeneratesFromOnnxProto()
    {
        var (exitCode, stdout, stderr) = CheckProtos(RepositoryPaths.Root);

        Assert.AreEqual(0, exitCode, $"{ProtoFolder}/Onnx.g.cs is stale; run dotnet pwsh {Script}.\n{stdout}\n{stderr}");
        StringAssert.Contains(stdout, "Onnx.g.cs is up to date");
    }

    [TestMethod]
    public void TheCheckFailsOnAFileThatDiffersFromProtocsOutput()
    {
        // A copy of what the script reads, with one line added to the generated file.
        var copy = Directory.CreateTempSubdirectory("zsn2n-protos-check-");
        try
        {
            foreach (var file in new[] { Script, "Directory.Packages.props", $"{ProtoFolder}/onnx.proto", $"{ProtoFolder}/Onnx.g.cs" })
            {
                var target = Path.Combine(copy.FullName, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(RepositoryPaths.Root, file), target);
            }

            File.AppendAllText(Path.Combine(copy.FullName, ProtoFolder, "Onnx.g.cs"), "// edited by hand\n");

            var (exitCode, stdout, stderr) = CheckProtos(copy.FullName);

            Assert.AreEqual(1, exitCode, $"{stdout}\n{stderr}");
            StringAssert.Contains(stderr, "Onnx.g.cs is out of date");
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    // The script finds the repository from its own folder; dotnet finds the local pwsh from the working folder.
    private static (int ExitCode, string StdOut, string StdErr) CheckProtos(string repository) =>
        DotnetApp.RunDotnet(RepositoryPaths.Root, Timeout, ["pwsh", "-NoProfile", "-File", Path.Combine(repository, Script), "-Check"]);
}
