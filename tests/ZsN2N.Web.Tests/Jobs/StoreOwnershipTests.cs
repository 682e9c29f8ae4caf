using System.Diagnostics;
using System.Text;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Tests.TestSupport;

namespace ZsN2N.Web.Tests.Jobs;

/// <summary>
/// Instances that share a job store root (the default one, a restart beside a running server, a test run) own a
/// folder each: starting another never costs a running one its files, and a restart cleans only the folder it claims.
/// </summary>
[TestClass]
public sealed class StoreOwnershipTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task InstancesSharingAStoreRootKeepOneAnothersResults()
    {
        var root = WebAppFactory.NewStorePath();
        try
        {
            using var first = new WebAppFactory(storePath: root);
            using var client = first.CreateClient();
            var done = await ApiClient.WaitForAsync(client, (await ApiClient.CreateAsync(client, TestImages.RandomPng(12, 10))).Id, ApiClient.IsFinished);
            Assert.AreEqual(JobStatus.Succeeded, done.Status, done.Error);
            var result = await client.GetByteArrayAsync(done.Links.Result, TestContext.CancellationToken);
            var input = await client.GetByteArrayAsync(done.Links.Input, TestContext.CancellationToken);

            // A second instance on the same root, in a process of its own, denoises an image; then it is killed, so
            // its files stay behind.
            string secondJobFolder;
            var port = LocalPorts.Free();
            using (var second = new AppProcess(root, port))
            {
                using var secondClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await second.WaitUntilHealthyAsync(secondClient, TestContext.CancellationToken);
                var other = await ApiClient.CreateAsync(secondClient, TestImages.RandomPng(8, 8));
                Assert.AreEqual(JobStatus.Succeeded, (await ApiClient.WaitForAsync(secondClient, other.Id, ApiClient.IsFinished)).Status, second.Output);
                secondJobFolder = Path.Combine(root, "instance-1", other.Id);
                Assert.IsTrue(File.Exists(Path.Combine(secondJobFolder, "denoised.png")), $"the second instance works in a folder of its own: {second.Output}");

                CollectionAssert.AreEqual(result, await client.GetByteArrayAsync(done.Links.Result, TestContext.CancellationToken), "the first instance's result is intact");
                second.Kill();
            }

            // A third instance claims the dead one's folder and deletes its job folders there; nothing else.
            var notes = Directory.CreateDirectory(Path.Combine(root, "instance-1", "notes")).FullName;
            using var third = new WebAppFactory(storePath: root);
            Assert.AreEqual(Path.Combine(root, "instance-1") + Path.DirectorySeparatorChar, third.JobsFolder);
            Assert.IsFalse(Directory.Exists(secondJobFolder), "the dead instance's leftovers are deleted by the one that takes its folder");
            Assert.IsTrue(Directory.Exists(notes), "a folder not named like a job is never deleted");
            CollectionAssert.AreEqual(result, await client.GetByteArrayAsync(done.Links.Result, TestContext.CancellationToken), "the first instance's result is intact");
            CollectionAssert.AreEqual(input, await client.GetByteArrayAsync(done.Links.Input, TestContext.CancellationToken), "the first instance's input is intact");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public async Task AStoppedInstanceDeletesItsJobFoldersAndFreesItsFolder()
    {
        var root = WebAppFactory.NewStorePath();
        try
        {
            string jobsFolder, jobFolder;
            using (var instance = new WebAppFactory(storePath: root))
            {
                using var client = instance.CreateClient();
                var job = await ApiClient.CreateAsync(client, TestImages.RandomPng(8, 8));
                await ApiClient.WaitForAsync(client, job.Id, ApiClient.IsFinished);
                jobsFolder = instance.JobsFolder;
                jobFolder = Path.Combine(jobsFolder, job.Id);
                Assert.IsTrue(Directory.Exists(jobFolder));
            }

            Assert.IsFalse(Directory.Exists(jobFolder), "stopping deletes the instance's job folders");
            using var restarted = new WebAppFactory(storePath: root);
            Assert.AreEqual(jobsFolder, restarted.JobsFolder, "a restart claims the folder its predecessor released");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The web app as a child process on <c>127.0.0.1:port</c> with the fast test settings; its output is kept for messages.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public AppProcess(string storePath, int port)
        {
            var args = new List<string> { "--contentRoot", RepositoryPaths.WebProject, "--urls", $"http://127.0.0.1:{port}" };
            args.AddRange(WebAppFactory.Settings(storePath).Select(setting => $"--{setting.Key}={setting.Value}"));
            _process = DotnetApp.Start(Path.Combine(AppContext.BaseDirectory, "ZsN2N.Web.dll"), AppContext.BaseDirectory, args);
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task WaitUntilHealthyAsync(HttpClient client, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync("/health", cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200, cancellationToken);
            }

            Assert.Fail($"The second instance did not become healthy: {Output}");
        }

        /// <summary>Kills the process as a crash would (no shutdown, no cleanup) and waits for it to end.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
