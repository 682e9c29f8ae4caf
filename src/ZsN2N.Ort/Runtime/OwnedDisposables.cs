namespace ZsN2N.Ort.Runtime;

/// <summary>
/// The native objects a training type creates, disposed in reverse order of creation: bindings before the tensors
/// they bind, tensors before the allocator and the session that made them.
/// </summary>
internal sealed class OwnedDisposables : IDisposable
{
    private readonly List<IDisposable> _items = [];

    /// <summary>Takes ownership of <paramref name="item"/> and returns it.</summary>
    public T Add<T>(T item)
        where T : IDisposable
    {
        _items.Add(item);
        return item;
    }

    /// <summary>Disposes everything taken, last first; safe to call again.</summary>
    public void Dispose()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            _items[i].Dispose();
        }

        _items.Clear();
    }
}
