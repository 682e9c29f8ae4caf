using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using ZsN2N.Web.Jobs;

namespace ZsN2N.Web.Tests.TestSupport;

/// <summary>Calls of the job API as the page makes them.</summary>
internal static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static MultipartFormDataContent Upload(
        byte[] bytes, string fileName = "tiny.png", string? mode = null, string? sigma = null, string? preset = null, string? quality = null, string? noise = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { file, "image", fileName } };
        foreach (var (name, value) in new[] { ("mode", mode), ("sigma", sigma), ("preset", preset), ("quality", quality), ("noise", noise) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), name);
            }
        }

        return form;
    }

    public static async Task<JobView> CreateAsync(
        HttpClient client, byte[] bytes, string? mode = null, string? sigma = null, string? preset = null, string? quality = null, string? noise = null)
    {
        using var response = await client.PostAsync("/api/jobs", Upload(bytes, mode: mode, sigma: sigma, preset: preset, quality: quality, noise: noise));
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobView>(Json))!;
    }

    public static async Task<JobView> GetAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JobView>($"/api/jobs/{id}", Json))!;

    /// <summary>Polls until the job reaches <paramref name="predicate"/> or the timeout passes.</summary>
    public static async Task<JobView> WaitForAsync(HttpClient client, string id, Func<JobView, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await GetAsync(client, id);
            if (predicate(view))
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Job {id} did not get there in time; it is {view.Status} at step {view.Iteration}/{view.TotalIterations} ({view.Error}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Asserts <paramref name="response"/> is problem details with status <paramref name="expected"/> and a title, and returns them.</summary>
    public static async Task<ProblemDetails> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(body, Json)!;
        Assert.AreEqual((int)expected, problem.Status);
        Assert.IsFalse(string.IsNullOrWhiteSpace(problem.Title), body);
        return problem;
    }

    public static bool IsFinished(JobView view) => view.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;
}
