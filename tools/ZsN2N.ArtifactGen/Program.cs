using Spectre.Console.Cli;
using ZsN2N.ArtifactGen;
using ZsN2N.Tools.Shared;

return ToolApp.Run(new CommandApp<GenerateCommand>().WithDescription(GenerateCommand.Description), "zsn2n-artifactgen", args, config =>
{
    config.AddExample("--artifacts", "artifacts");
    config.AddExample("--check");
});
