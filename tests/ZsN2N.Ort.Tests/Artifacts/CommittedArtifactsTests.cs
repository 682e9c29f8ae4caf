using ZsN2N.Ort.Artifacts;

namespace ZsN2N.Ort.Tests.Artifacts;

/// <summary>The artifacts committed under artifacts/ are exactly what the generator makes from the committed definition now.</summary>
[TestClass]
public sealed class CommittedArtifactsTests
{
    [TestMethod]
    [DataRow(NetworkKind.Paper)]
    [DataRow(NetworkKind.Deep)]
    public void EmbeddedDefinitionIsTheCommittedOne(NetworkKind network)
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Artifacts, NetworkDefinition.FileName(network)));

        Assert.AreEqual(committed, NetworkDefinition.For(network).Text);
    }

    [TestMethod]
    public void TheDeepNetworkIsThePapersWithAThird3x3Convolution()
    {
        Assert.AreEqual((2, 2), (NetworkDefinition.Default.FeatureMaps, ArtifactGenerator.Generate(NetworkDefinition.Default, 1, 4).ReceptiveFieldRadius));
        Assert.AreEqual((3, 3), (NetworkDefinition.For(NetworkKind.Deep).FeatureMaps, ArtifactGenerator.Generate(NetworkDefinition.For(NetworkKind.Deep), 1, 4).ReceptiveFieldRadius));
        CollectionAssert.IsSubsetOf(
            NetworkDefinition.Default.ParameterNames.Take(4).ToArray(),
            NetworkDefinition.For(NetworkKind.Deep).ParameterNames.ToArray());
    }

    [TestMethod]
    public void CommittedArtifactsEqualFreshlyGeneratedOnes()
    {
        var definition = NetworkDefinition.FromText(File.ReadAllText(Path.Combine(RepositoryPaths.Artifacts, "zsn2n.onnxtxt")));
        foreach (var (channels, features) in ArtifactGenerator.CommittedConfigurations)
        {
            var folder = Path.Combine(RepositoryPaths.Artifacts, TrainingArtifacts.FolderName(channels, features));
            foreach (var (name, bytes) in ArtifactGenerator.Generate(definition, channels, features).ToFiles())
            {
                var path = Path.Combine(folder, name);
                Assert.IsTrue(File.Exists(path), $"{path} is missing; run build.ps1 (or dotnet run --project tools/ZsN2N.ArtifactGen).");
                CollectionAssert.AreEqual(bytes, File.ReadAllBytes(path), $"{path} is stale; run build.ps1 to regenerate it.");
            }
        }
    }

    [TestMethod]
    public void TheCommittedArtifactsAreEmbeddedInTheAssembly()
    {
        foreach (var (channels, features) in ArtifactGenerator.CommittedConfigurations)
        {
            var folder = Path.Combine(RepositoryPaths.Artifacts, TrainingArtifacts.FolderName(channels, features));
            var embedded = TrainingArtifacts.ReadEmbedded(channels, features);

            Assert.IsNotNull(embedded, $"{folder} is not embedded");
            var files = embedded.ToFiles();
            CollectionAssert.AreEquivalent(Directory.GetFiles(folder).Select(Path.GetFileName).ToArray(), files.Keys.ToArray());
            foreach (var (name, bytes) in files)
            {
                CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(folder, name)), bytes, $"{folder}/{name}");
            }
        }

        Assert.IsNull(TrainingArtifacts.ReadEmbedded(3, 16), "only the committed configurations are embedded");
    }

    [TestMethod]
    public void GenerationIsDeterministic()
    {
        var first = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 8).ToFiles();
        var second = ArtifactGenerator.Generate(NetworkDefinition.Default, 3, 8).ToFiles();

        foreach (var (name, bytes) in first)
        {
            CollectionAssert.AreEqual(bytes, second[name], name);
        }
    }
}
