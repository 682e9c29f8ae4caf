using Spectre.Console.Cli;
using ZsN2N.Cli;
using ZsN2N.Cli.Commands;
using ZsN2N.Cli.Help;

using var cancellation = new ConsoleCancellation();

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("zsn2n");
    config.Settings.ShowOptionDefaultValues = true;
    config.Settings.StrictParsing = true;
    config.SetHelpProvider(new FullHelpProvider(config.Settings));
    config.SetExceptionHandler(CliErrors.Handle);
    config.CancellationExitCode(ExitCodes.Cancelled);
    config.ValidateExamples();

    config.AddCommand<DenoiseCommand>("denoise")
        .WithDescription(DenoiseCommand.Description)
        .WithExample("denoise", "noisy.png", "-o", "out")
        .WithExample("denoise", "photos/", "scan.tif", "-o", "out", "--iterations", "1000", "--export-onnx", "--report", "out/report.json")
        .WithExample("denoise", "noisy.png", "-o", "out", "--device", "cuda", "--seed", "7");
});

return app.Run(args, cancellation.Token);
