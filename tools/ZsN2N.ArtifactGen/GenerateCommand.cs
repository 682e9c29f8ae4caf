using System.ComponentModel;
using Spectre.Console.Cli;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Tools.Shared;

namespace ZsN2N.ArtifactGen;

/// <summary>
/// Generates the training artifacts from the committed network definition: DIR/c&lt;channels&gt;-w&lt;width&gt;/
/// {training,optimizer,inference}.onnx and checkpoint.ckpt for each committed configuration. With --check it writes
/// nothing and exits 1 when a file is missing or stale.
/// </summary>
internal sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Generates the training artifacts from the committed network definition DIR/zsn2n.onnxtxt: "
        + "DIR/c<channels>-w<width>/{training,optimizer,inference}.onnx and checkpoint.ckpt for each committed configuration "
        + "(build.ps1 runs it). Exit codes: 0 up to date or regenerated, 1 stale (with --check), 2 invalid command line or no definition.";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definitionPath = Path.Combine(settings.Artifacts, "zsn2n.onnxtxt");
        if (!File.Exists(definitionPath))
        {
            Console.Error.WriteLine($"No network definition at '{Path.GetFullPath(definitionPath)}'.");
            return ToolApp.Usage;
        }

        var definition = NetworkDefinition.FromText(File.ReadAllText(definitionPath));
        var stale = 0;
        foreach (var (channels, features) in ArtifactGenerator.CommittedConfigurations)
        {
            var folder = Path.Combine(settings.Artifacts, TrainingArtifacts.FolderName(channels, features));
            var artifacts = ArtifactGenerator.Generate(definition, channels, features);
            foreach (var (name, bytes) in artifacts.ToFiles())
            {
                var path = Path.Combine(folder, name);
                var upToDate = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
                if (!upToDate)
                {
                    stale++;
                    Console.WriteLine($"{(settings.Check ? "stale" : "wrote")} {path} ({bytes.Length:N0} bytes)");
                }
            }

            if (!settings.Check)
            {
                artifacts.WriteTo(folder);
            }
        }

        Console.WriteLine(stale == 0 ? "Artifacts are up to date." : settings.Check ? $"{stale} artifact file(s) are stale; run build.ps1." : $"{stale} artifact file(s) regenerated.");
        return settings.Check && stale > 0 ? ToolApp.Failed : 0;
    }

    /// <summary>The command line of <c>zsn2n-artifactgen</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--artifacts <DIR>")]
        [Description("The artifacts folder: the definition zsn2n.onnxtxt and the generated folders.")]
        [DefaultValue("artifacts")]
        public string Artifacts { get; init; } = "artifacts";

        [CommandOption("--check")]
        [Description("Write nothing; exit with 1 when a file is missing or stale.")]
        public bool Check { get; init; }
    }
}
