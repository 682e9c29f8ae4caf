using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

/// <summary>
/// A bounded burst over 127.0.0.1 against the real Kestrel server (issue 9): valid, oversize, corrupt, truncated and
/// slowly sent uploads at once. Valid jobs complete or get 429 with Retry-After, bad ones their 4xx, /health answers
/// within a second throughout, and the process's memory stays bounded. The figures go to the test log.
/// </summary>
[TestClass]
public sealed class LoadTests
{
    private const int MaxBytes = 256 * 1024;
    private const int QueueCapacity = 3;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task BurstOfMixedUploadsGetsTheRightAnswersWhileHealthStaysFast()
    {
        var port = LocalPorts.Free();
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "300",
            ["ZsN2N:QueueCapacity"] = QueueCapacity.ToString(),
            ["ZsN2N:MaxBytes"] = MaxBytes.ToString(),
            ["ZsN2N:AbandonAfter"] = "00:05:00",
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        using (await client.GetAsync("/health"))
        {
        }

        GC.Collect();
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var valid = HostileCorpus.ValidPng(48, 48);
        var oversize = new byte[MaxBytes + 1024];
        new Random(3).NextBytes(oversize);
        var corrupt = "not an image at all"u8.ToArray();
        var truncated = valid[..(valid.Length / 2)];

        // /health every 100 ms while the burst runs.
        using var stop = new CancellationTokenSource();
        var healthTimes = new ConcurrentBag<double>();
        var health = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync("/health", CancellationToken.None);
                healthTimes.Add(clock.Elapsed.TotalMilliseconds);
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
                await Task.Delay(100, CancellationToken.None);
            }
        });

        var uploads = new List<(string Kind, Task<HttpResponseMessage> Response)>();
        for (var i = 0; i < 12; i++)
        {
            uploads.Add(("valid", client.PostAsync("/api/jobs", ApiClient.Upload(valid, $"valid{i}.png"))));
        }

        for (var i = 0; i < 4; i++)
        {
            uploads.Add(("oversize", client.PostAsync("/api/jobs", ApiClient.Upload(oversize, $"big{i}.png"))));
            uploads.Add(("corrupt", client.PostAsync("/api/jobs", ApiClient.Upload(corrupt, $"text{i}.png"))));
            uploads.Add(("truncated", client.PostAsync("/api/jobs", ApiClient.Upload(truncated, $"cut{i}.png"))));
        }

        for (var i = 0; i < 2; i++)
        {
            var slow = new MultipartFormDataContent { { new SlowContent(valid, chunks: 10, delay: TimeSpan.FromMilliseconds(150)), "image", $"slow{i}.png" } };
            uploads.Add(("slow", client.PostAsync("/api/jobs", slow)));
        }

        var burstClock = Stopwatch.StartNew();
        await Task.WhenAll(uploads.Select(u => u.Response));
        var burstSeconds = burstClock.Elapsed.TotalSeconds;

        var accepted = new List<JobView>();
        var counts = new Dictionary<string, int>();
        foreach (var (kind, task) in uploads)
        {
            using var response = task.Result;
            var code = (int)response.StatusCode;
            counts[$"{kind} {code}"] = counts.GetValueOrDefault($"{kind} {code}") + 1;
            var body = await response.Content.ReadAsStringAsync();
            switch (kind)
            {
                case "valid" or "slow" when response.StatusCode == HttpStatusCode.Accepted:
                    accepted.Add((await response.Content.ReadFromJsonAsync<JobView>(ApiClient.Json))!);
                    break;
                case "valid" or "slow":
                    Assert.AreEqual(HttpStatusCode.TooManyRequests, response.StatusCode, $"{kind}: {body}");
                    Assert.IsNotNull(response.Headers.RetryAfter?.Delta, "429 carries Retry-After");
                    break;
                case "oversize":
                    Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode, body);
                    break;
                case "corrupt":
                    Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode, body);
                    break;
                default:
                    Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode, body);
                    break;
            }
        }

        Assert.IsGreaterThanOrEqualTo(1, accepted.Count, "some valid uploads are accepted");
        Assert.IsLessThanOrEqualTo(QueueCapacity + 1 + 2, accepted.Count, "no more than the queue, the worker and the two late slow uploads hold");
        Assert.IsGreaterThanOrEqualTo(1, counts.GetValueOrDefault("valid 429"), "the burst overflows the queue");

        var completeClock = Stopwatch.StartNew();
        foreach (var job in accepted)
        {
            var done = await ApiClient.WaitForAsync(client, job.Id, ApiClient.IsFinished, TimeSpan.FromSeconds(90));
            Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
        }

        stop.Cancel();
        await health;
        var memoryAfter = Process.GetCurrentProcess().WorkingSet64;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var times = healthTimes.Order().ToArray();
        TestContext.WriteLine(
            $"burst of {uploads.Count} uploads answered in {burstSeconds:F2} s; {string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; " +
            $"{accepted.Count} jobs completed {completeClock.Elapsed.TotalSeconds:F1} s later; /health x{times.Length}: median {times[times.Length / 2]:F0} ms, max {times[^1]:F0} ms; " +
            $"working set {memoryBefore / 1048576} MiB before, {memoryAfter / 1048576} MiB after, peak {peak / 1048576} MiB");
        Assert.IsGreaterThanOrEqualTo(5, times.Length, "health was polled during the burst");
        Assert.IsLessThan(1000, times[^1], "/health answers within a second throughout");
        Assert.IsLessThan(300L * 1048576, memoryAfter - memoryBefore, "memory stays bounded: the burst added less than 300 MiB");
    }

    /// <summary>A body sent in <c>chunks</c> pieces with a pause between them, like a slow client.</summary>
    private sealed class SlowContent(byte[] bytes, int chunks, TimeSpan delay) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var size = (bytes.Length + chunks - 1) / chunks;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(delay);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
