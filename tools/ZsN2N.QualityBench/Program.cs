using Spectre.Console.Cli;
using ZsN2N.QualityBench;
using ZsN2N.Tools.Shared;

return ToolApp.Run(new CommandApp<QualityCommand>().WithDescription(QualityCommand.Description), "zsn2n-quality", args, config =>
{
    config.AddExample("--runs", "runs", "--dev", "../shared/data/dev");
});
