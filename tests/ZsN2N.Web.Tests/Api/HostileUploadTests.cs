using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using ZsN2N.Ort.Imaging;
using ZsN2N.Web.Endpoints;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Api;

/// <summary>
/// Issue 9's corpus (<see cref="HostileCorpus"/>) uploaded to <c>POST /api/jobs</c>: each bad file gets its 4xx as
/// problem details naming the reason (413 too large, 415 not an image, 422 undecodable or too small), and each
/// legitimate one is accepted and denoised to a PNG of its size.
/// </summary>
[TestClass]
public sealed class HostileUploadTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task EachCorpusFileGetsItsStatusCodeAndTheGoodOnesAreDenoised()
    {
        using var factory = new WebAppFactory(new Dictionary<string, string?>
        {
            ["ZsN2N:Iterations"] = "3",
            ["ZsN2N:Width"] = "4",
            ["ZsN2N:QueueCapacity"] = "64",
        });
        using var client = factory.CreateClient();
        var accepted = new List<(HostileCase Case, JobView Job)>();

        foreach (var entry in HostileCorpus.All)
        {
            using var response = await client.PostAsync("/api/jobs", ApiClient.Upload(entry.Bytes, entry.Name));
            var body = await response.Content.ReadAsStringAsync();
            var (status, titleOrPart) = Expected(entry);
            Assert.AreEqual(status, response.StatusCode, $"{entry.Name}: {body}");
            if (status == HttpStatusCode.Accepted)
            {
                accepted.Add((entry, (await response.Content.ReadFromJsonAsync<JobView>(ApiClient.Json))!));
                continue;
            }

            Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, entry.Name);
            var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, ApiClient.Json)!;
            Assert.AreEqual((int)status, problem.Status, entry.Name);
            StringAssert.Contains(problem.Detail, titleOrPart, $"{entry.Name}: {body}");
            Assert.DoesNotContain("   at ", body, "no stack trace reaches the client");
        }

        Assert.AreEqual(HostileCorpus.All.Count(c => c.Error is null && c.Trainable), accepted.Count);
        foreach (var (entry, job) in accepted)
        {
            var done = await ApiClient.WaitForAsync(client, job.Id, ApiClient.IsFinished, TimeSpan.FromSeconds(60));
            Assert.AreEqual(JobStatus.Succeeded, done.Status, $"{entry.Name}: {done.Error}");
            var png = await client.GetByteArrayAsync(done.Links.Result);
            var result = ImageIo.Decode(png);
            Assert.AreEqual((entry.Width, entry.Height), (result.Width, result.Height), entry.Name);
        }
    }

    private static (HttpStatusCode Status, string DetailPart) Expected(HostileCase entry) => entry.Error switch
    {
        ImageDecodeError.TooLarge => (HttpStatusCode.RequestEntityTooLarge, entry.MessagePart),
        ImageDecodeError.UnknownFormat => (HttpStatusCode.UnsupportedMediaType, $"Upload a {AcceptedFormats.Names} image."),
        ImageDecodeError { } => (HttpStatusCode.UnprocessableEntity, entry.MessagePart),
        null when !entry.Trainable => (HttpStatusCode.UnprocessableEntity, "denoising needs at least 2x2 pixels"),
        null => (HttpStatusCode.Accepted, string.Empty),
    };
}
