// zsn2n-parity: parity cases between ZsN2N.Ort and the PyTorch reference (tools/reference/zsn2n_torch.py).
//   zsn2n-parity dump-case --image FILE --crop N --out DIR [--seed S] [--width W]
//   zsn2n-parity train-case --case DIR --steps N [--threads T]
//   zsn2n-parity compare-case --case DIR [--ours-prefix ours_] [--reference-prefix torch_] [--at 1,10,100,200]
// tools/parity.ps1 drives all three together with the reference; docs/parity.md records a run.
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Runtime;
using ZsN2N.Ort.Training;
using ZsN2N.Parity;
using ZsN2N.Parity.Commands;

const string Usage = """
    Usage:
      zsn2n-parity dump-case --image FILE --crop N --out DIR [--seed S] [--width W]
      zsn2n-parity train-case --case DIR --steps N [--threads T]
      zsn2n-parity compare-case --case DIR [--ours-prefix ours_] [--reference-prefix torch_] [--at 1,10,100,200]
    """;

try
{
    var arguments = new CommandArguments(args.Skip(1).ToArray());
    return args.FirstOrDefault() switch
    {
        DumpCaseCommand.Name => DumpCaseCommand.Run(arguments),
        TrainCaseCommand.Name => TrainCaseCommand.Run(arguments),
        CompareCaseCommand.Name => CompareCaseCommand.Run(arguments),
        var other => throw new UsageException(other is null ? "No command given." : $"Unknown command '{other}'."),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ImageDecodeException or TrainingException or RuntimeFailureException)
{
    Console.Error.WriteLine($"zsn2n-parity: {e.Message}");
    return 1;
}
