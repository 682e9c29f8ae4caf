using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ZsN2N.Web.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>
/// The jobs waiting for a worker: a bounded channel of <see cref="WebOptions.QueueCapacity"/>. Uploads use
/// <see cref="TryEnqueue"/>, which refuses instead of waiting when the channel is full, so the endpoint can answer
/// 429 at once; workers read with back-pressure through <see cref="ReadAllAsync"/>.
/// </summary>
internal sealed class DenoiseQueue
{
    private readonly Channel<Job> _channel;

    public DenoiseQueue(IOptions<WebOptions> options) =>
        _channel = Channel.CreateBounded<Job>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = options.Value.Workers == 1,
            SingleWriter = false,
        });

    /// <summary>Jobs waiting now.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Queues <paramref name="job"/>; false when the queue is full.</summary>
    public bool TryEnqueue(Job job) => _channel.Writer.TryWrite(job);

    /// <summary>The queued jobs in order, waiting while there are none, until <paramref name="cancellationToken"/> fires.</summary>
    public IAsyncEnumerable<Job> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
