using Spectre.Console.Cli;
using ZsN2N.LargeBench;
using ZsN2N.Tools.Shared;

// Large-image measurements for docs/large-images.md; bench is also the command run without a name.
return ToolApp.Run(new CommandApp<BenchCommand>().WithDescription(BenchCommand.Description), "zsn2n-largebench", args, config =>
{
    config.AddCommand<BenchCommand>("bench")
        .WithDescription(BenchCommand.Description)
        .WithExample("bench", "--megapixels", "12", "--sigma", "25", "--threads", "2")
        .WithExample("bench", "--quality", "high");
    config.AddCommand<CompareCommand>("compare")
        .WithDescription(CompareCommand.Description)
        .WithExample("compare", "--steps", "3000", "--patch-sizes", "128,256", "--large-crop", "512");
    config.AddCommand<MemoryCommand>("memory")
        .WithDescription(MemoryCommand.Description)
        .WithExample("memory", "--phase", "train", "--size", "512", "--steps", "5")
        .WithExample("memory", "--phase", "infer", "--size", "518", "--network", "deep", "--self-ensemble", "true");
});
