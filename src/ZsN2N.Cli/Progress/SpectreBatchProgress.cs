using System.Globalization;
using Spectre.Console;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// Progress as a live Spectre display: one bar per image with its current loss, percentage, time left and a spinner.
/// Failures print above the bars as they happen.
/// </summary>
internal sealed class SpectreBatchProgress(IAnsiConsole console) : IBatchProgress
{
    private ProgressContext? _context;

    /// <inheritdoc/>
    public void Run(Action batch) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    batch();
                }
                finally
                {
                    _context = null;
                }
            });

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations)
    {
        var context = _context ?? throw new InvalidOperationException("StartImage is only valid inside Run.");
        var task = context.AddTask(Markup.Escape(label), maxValue: totalIterations);
        return new ImageBar(console, task, label);
    }

    /// <inheritdoc/>
    public void WriteLine(string text) => console.WriteLine(text);

    private sealed class ImageBar(IAnsiConsole console, ProgressTask task, string label) : IImageProgress
    {
        private readonly string _label = Markup.Escape(label);

        public void Report(TrainingProgress value)
        {
            task.MaxValue = value.TotalIterations;
            task.Value = value.Iteration;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{_label} [grey]loss[/] {value.Loss:G5}");
        }

        public void Succeeded(float finalLoss, TimeSpan elapsed)
        {
            task.Description = string.Create(CultureInfo.InvariantCulture, $"[green]{_label}[/] [grey]loss[/] {finalLoss:G5} [grey]({elapsed.TotalSeconds:F1} s)[/]");
            task.Value = task.MaxValue;
            task.StopTask();
        }

        public void Failed(string error)
        {
            task.Description = $"[red]{_label} failed[/]";
            task.StopTask();
            console.MarkupLineInterpolated($"[red]{label}:[/] {error}");
        }
    }
}
