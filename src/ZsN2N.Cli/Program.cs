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
    config.SetExceptionHandler((exception, _) => CliErrors.Handle(exception, args));
    config.CancellationExitCode(ExitCodes.Cancelled);
    config.ValidateExamples();

    config.AddCommand<DenoiseCommand>("denoise")
        .WithDescription(DenoiseCommand.Description)
        .WithExample("denoise", "noisy.png", "-o", "out")
        .WithExample("denoise", "photos/", "scan.tif", "-o", "out", "--iterations", "1000", "--export-onnx", "--report", "out/report.json")
        .WithExample("denoise", "noisy/", "-o", "out", "--reference", "clean/", "--compare", "--plot")
        .WithExample("denoise", "photos/", "-o", "out", "--shard", "2/8", "--skip-existing", "--quiet", "--report", "out/report-2.json")
        .WithExample("denoise", "noisy.png", "-o", "out", "--device", "cuda", "--seed", "7");

    config.AddCommand<RunCommand>("run")
        .WithDescription(RunCommand.Description)
        .WithExample("run")
        .WithExample("run", "config.json", "-o", "results")
        .WithExample("run", "--iterations", "300");

    config.AddCommand<AddNoiseCommand>("add-noise")
        .WithDescription(AddNoiseCommand.Description)
        .WithExample("add-noise", "clean/", "-o", "noisy", "--gaussian", "25")
        .WithExample("add-noise", "photo.png", "-o", "noisy", "--degree", "0.1", "--seed", "3", "--depth", "8")
        .WithExample("add-noise", "clean/", "-o", "noisy_p50", "--poisson", "50");

    config.AddCommand<EvalCommand>("eval")
        .WithDescription(EvalCommand.Description)
        .WithExample("eval", "out/", "clean/")
        .WithExample("eval", "out/camera.png", "clean/camera.png", "--json")
        .WithExample("eval", "out/", "clean/", "--csv");

    config.AddCommand<ApplyCommand>("apply")
        .WithDescription(ApplyCommand.Description)
        .WithExample("apply", "out/frame001.onnx", "frames/", "-o", "frames_denoised")
        .WithExample("apply", "model.onnx", "a.png", "b.png", "-o", "out", "--threads", "4");
});

return app.Run(args, cancellation.Token);
