using System.Globalization;
using Spectre.Console;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// Progress as a live Spectre display: an overall bar (images done, time left) above a bar for each image in work
/// (step, loss, steps per second, time left, spinner). A finished, skipped or failed image becomes one line above the
/// bars and its bar is hidden, so a folder of thousands of images keeps one bar per image trained at once. One lock
/// serialises what images trained at once add, update and print.
/// </summary>
internal sealed class SpectreBatchProgress(IAnsiConsole console) : IBatchProgress
{
    private readonly IAnsiConsole _console = console;
    private readonly Lock _lock = new();
    private ProgressContext? _context;
    private ProgressTask? _overall;

    /// <inheritdoc/>
    public void Run(int imageCount, Action batch) =>
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                _overall = imageCount > 1 ? context.AddTask(OverallLabel(0, imageCount), maxValue: imageCount) : null;
                try
                {
                    batch();
                }
                finally
                {
                    _context = null;
                    _overall = null;
                }
            });

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations)
    {
        lock (_lock)
        {
            var context = _context ?? throw new InvalidOperationException("StartImage is only valid inside Run.");
            var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, totalIterations));
            if (totalIterations == 0)
            {
                task.IsIndeterminate = true;
            }

            return new ImageBar(this, task, label);
        }
    }

    /// <inheritdoc/>
    public void SkipImage(string label, string reason)
    {
        lock (_lock)
        {
            _console.MarkupLineInterpolated($"[grey]{label}: skipped, {reason}[/]");
            Finished();
        }
    }

    /// <inheritdoc/>
    public void WriteLine(string text)
    {
        lock (_lock)
        {
            _console.WriteLine(text);
        }
    }

    private static string OverallLabel(double done, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"[bold]overall[/] {done:F0}/{total:F0} images");

    // Called with _lock held, so the overall count and its label move together.
    private void Finished()
    {
        if (_overall is { } overall)
        {
            overall.Increment(1);
            overall.Description = OverallLabel(overall.Value, overall.MaxValue);
        }
    }

    private sealed class ImageBar(SpectreBatchProgress owner, ProgressTask task, string label) : IImageProgress
    {
        private readonly string _label = Markup.Escape(label);

        public void Report(TrainingProgress value)
        {
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{_label} [grey]step[/] {value.Iteration}/{value.TotalIterations} [grey]loss[/] {value.Loss:G5} [grey]{value.IterationsPerSecond:F1} it/s[/]");
            lock (owner._lock)
            {
                task.MaxValue = value.TotalIterations;
                task.Value = value.Iteration;
                task.Description = description;
            }
        }

        public void Succeeded(string detail, TimeSpan elapsed)
        {
            lock (owner._lock)
            {
                End();
                owner._console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]{label}[/] {detail} [grey]({elapsed.TotalSeconds:F1} s)[/]");
            }
        }

        public void Failed(string error)
        {
            lock (owner._lock)
            {
                End();
                owner._console.MarkupLineInterpolated($"[red]{label} FAILED:[/] {error}");
            }
        }

        private void End()
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
            owner.Finished();
        }
    }
}
