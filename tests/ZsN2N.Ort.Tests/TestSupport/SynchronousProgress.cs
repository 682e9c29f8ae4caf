namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so a test sees every report before it asserts.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
