using Spectre.Console.Cli;
using ZsN2N.FuzzHost;
using ZsN2N.Tools.Shared;

return ToolApp.Run(new CommandApp<FuzzCommand>().WithDescription(FuzzCommand.Description), "zsn2n-fuzzhost", args, config =>
{
    config.AddExample("--seed", "7", "--seconds", "15", "--case-file", "case.bin");
    config.AddExample("--replay", "case.bin");
});
