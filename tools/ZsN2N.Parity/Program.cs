using Spectre.Console.Cli;
using ZsN2N.Parity.Commands;
using ZsN2N.Tools.Shared;

// Parity cases between ZsN2N.Ort and the PyTorch reference (tools/reference/zsn2n_torch.py); tools/parity.ps1 drives
// all three commands together with the reference, and docs/parity.md records a run.
return ToolApp.Run(new CommandApp(), "zsn2n-parity", args, config =>
{
    config.AddCommand<DumpCaseCommand>("dump-case")
        .WithDescription(DumpCaseCommand.Description)
        .WithExample("dump-case", "--image", "camera.png", "--crop", "64", "--out", "case", "--seed", "0");
    config.AddCommand<TrainCaseCommand>("train-case")
        .WithDescription(TrainCaseCommand.Description)
        .WithExample("train-case", "--case", "case", "--steps", "200");
    config.AddCommand<CompareCaseCommand>("compare-case")
        .WithDescription(CompareCaseCommand.Description)
        .WithExample("compare-case", "--case", "case", "--ours-prefix", "torch32_", "--at", "1,10,100,200");
});
