namespace ZsN2N.Cli;

/// <summary>
/// Turns the first Ctrl-C (<see cref="Console.CancelKeyPress"/>) into a cancelled <see cref="Token"/> so the run stops
/// at the next training step and writes nothing partial; a second Ctrl-C ends the process at once. Dispose to unhook
/// the handler and free the token source.
/// </summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Hooks <see cref="Console.CancelKeyPress"/>.</summary>
    public ConsoleCancellation() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Cancelled on the first Ctrl-C.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // Keep the process alive for a graceful stop only once; a second press falls through to the default kill.
        e.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }
}
