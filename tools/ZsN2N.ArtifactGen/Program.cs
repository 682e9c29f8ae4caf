// Generates the training artifacts from the committed network definition:
//   zsn2n-artifactgen [--artifacts DIR] [--check]
// Writes DIR/c<channels>-w<width>/{training,optimizer,inference}.onnx and checkpoint.ckpt for each
// committed configuration. With --check it writes nothing and exits 1 when a file is missing or stale.
using ZsN2N.Ort.Artifacts;

var artifactsDir = "artifacts";
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--artifacts" when i + 1 < args.Length:
            artifactsDir = args[++i];
            break;
        case "--check":
            check = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: zsn2n-artifactgen [--artifacts DIR] [--check]");
            return 2;
    }
}

var definitionPath = Path.Combine(artifactsDir, "zsn2n.onnxtxt");
if (!File.Exists(definitionPath))
{
    Console.Error.WriteLine($"No network definition at '{Path.GetFullPath(definitionPath)}'.");
    return 2;
}

var definition = NetworkDefinition.FromText(File.ReadAllText(definitionPath));
var stale = 0;
foreach (var (channels, features) in ArtifactGenerator.CommittedConfigurations)
{
    var folder = Path.Combine(artifactsDir, TrainingArtifacts.FolderName(channels, features));
    var artifacts = ArtifactGenerator.Generate(definition, channels, features);
    foreach (var (name, bytes) in artifacts.ToFiles())
    {
        var path = Path.Combine(folder, name);
        var upToDate = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        if (!upToDate)
        {
            stale++;
            Console.WriteLine($"{(check ? "stale" : "wrote")} {path} ({bytes.Length:N0} bytes)");
        }
    }

    if (!check)
    {
        artifacts.WriteTo(folder);
    }
}

Console.WriteLine(stale == 0 ? "Artifacts are up to date." : check ? $"{stale} artifact file(s) are stale; run build.ps1." : $"{stale} artifact file(s) regenerated.");
return check && stale > 0 ? 1 : 0;
