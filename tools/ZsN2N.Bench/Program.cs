using Spectre.Console.Cli;
using ZsN2N.Bench;
using ZsN2N.Tools.Shared;

return ToolApp.Run(new CommandApp<BenchCommand>().WithDescription(BenchCommand.Description), "zsn2n-bench", args, config =>
{
    config.AddExample("--noisy", "noisy.png", "--clean", "clean.png", "--steps", "200", "--threads", "1");
    config.AddExample("--noisy", "noisy.png", "--preset", "fast", "--quality", "high");
});
