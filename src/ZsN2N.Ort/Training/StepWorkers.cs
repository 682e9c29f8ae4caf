namespace ZsN2N.Ort.Training;

/// <summary>
/// Runs <c>work(0)</c> … <c>work(count − 1)</c> at once on every <see cref="Run"/>: the calling thread takes index 0
/// and dedicated threads, started once, the others, so a training step neither waits for the thread pool nor
/// allocates. Owns threads: dispose it to stop them.
/// </summary>
internal sealed class StepWorkers : IDisposable
{
    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly Exception?[] _errors;
    private volatile bool _stopping;

    public StepWorkers(int count, Action<int> work, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _work = work;
        _errors = new Exception?[count];
        _start = Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(0)).ToArray();
        _done = new CountdownEvent(Math.Max(1, count - 1));
        _threads = Enumerable.Range(1, count - 1)
            .Select(i => new Thread(() => Loop(i)) { IsBackground = true, Name = $"{name} {i}" })
            .ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Runs every index once and returns when all are done.</summary>
    /// <exception cref="AggregateException">Work threw; the inner exceptions are in index order.</exception>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_threads.Length > 0)
        {
            _done.Reset(_threads.Length);
            for (var i = 1; i <= _threads.Length; i++)
            {
                _start[i].Release();
            }
        }

        try
        {
            _work(0);
        }
        catch (Exception e)
        {
            _errors[0] = e;
        }

        if (_threads.Length > 0)
        {
            _done.Wait();
        }

        if (Array.Exists(_errors, e => e is not null))
        {
            var errors = _errors.OfType<Exception>().ToArray();
            Array.Clear(_errors);
            throw new AggregateException(errors);
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        for (var i = 1; i <= _threads.Length; i++)
        {
            _start[i].Release();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var semaphore in _start)
        {
            semaphore.Dispose();
        }

        _done.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start[index].Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                _work(index);
            }
            catch (Exception e)
            {
                _errors[index] = e;
            }
            finally
            {
                _done.Signal();
            }
        }
    }
}
