using Spectre.Console;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Tests.Progress;

/// <summary>The three displays: Spectre bars on a terminal, plain lines when redirected, and --quiet.</summary>
[TestClass]
public sealed class BatchProgressTests
{
    [TestMethod]
    public void TerminalShowsAnOverallBarAndAnImageBarWithStepLossAndRate()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var progress = new SpectreBatchProgress(console);

        progress.Run(2, () =>
        {
            var first = progress.StartImage("[1/2] a.png", 10);
            first.Report(new TrainingProgress(5, 10, 0.0125f, TimeSpan.FromSeconds(1)));
            Thread.Sleep(1500); // let the display refresh (every 100 ms) at least once with the bars half way
            first.Succeeded("final loss 0.01", TimeSpan.FromSeconds(2));
            progress.SkipImage("[2/2] b.png", "out/b.png exists");
        });

        var text = writer.ToString();
        StringAssert.Contains(text, "overall");
        StringAssert.Contains(text, "0/2 images");
        StringAssert.Contains(text, "step");
        StringAssert.Contains(text, "0.0125");
        StringAssert.Contains(text, "5.0 it/s");
        StringAssert.Contains(text, "final loss 0.01");
        StringAssert.Contains(text, "b.png: skipped");
    }

    [TestMethod]
    public void PlainLinesCarryTheLossAndTheOverallTimeLeft()
    {
        var writer = new StringWriter();
        var progress = new PlainBatchProgress(writer);

        progress.Run(3, () =>
        {
            var first = progress.StartImage("[1/3] a.png", 100);
            for (var step = 10; step <= 100; step += 10)
            {
                first.Report(new TrainingProgress(step, 100, 1f / step, TimeSpan.FromSeconds(step / 50.0)));
            }

            first.Succeeded("final loss 0.01", TimeSpan.FromSeconds(2));
            progress.SkipImage("[2/3] b.png", "exists");
            progress.StartImage("[3/3] c.png", 100).Failed("c.png: not an image");
        });

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(lines, "[1/3] a.png: started, 100 training steps");
        CollectionAssert.Contains(lines, "[1/3] a.png: step 100/100 loss 0.01 (50.0 steps/s, 0 s left)");
        Assert.AreEqual(10, lines.Count(l => l.Contains(": step ", StringComparison.Ordinal)), "one line per tenth");
        Assert.IsTrue(lines.Any(l => l.StartsWith("overall: 1/3 images done, about ", StringComparison.Ordinal)), writer.ToString());
        CollectionAssert.Contains(lines, "[2/3] b.png: skipped, exists");
        CollectionAssert.Contains(lines, "[3/3] c.png: FAILED: c.png: not an image");
        Assert.IsFalse(writer.ToString().Contains('\u001b'), "no escape codes");
    }

    [TestMethod]
    public void QuietWritesOnlyFailuresToStderrAndTheSummary()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var progress = new QuietBatchProgress(output, errors);

        progress.Run(2, () =>
        {
            var first = progress.StartImage("[1/2] a.png", 10);
            first.Report(new TrainingProgress(10, 10, 0.01f, TimeSpan.FromSeconds(1)));
            first.Succeeded("final loss 0.01", TimeSpan.FromSeconds(1));
            progress.StartImage("[2/2] b.png", 10).Failed("broken");
        });
        progress.WriteLine("Denoised 1 of 2 images");

        Assert.AreEqual("Denoised 1 of 2 images" + Environment.NewLine, output.ToString());
        Assert.AreEqual("[2/2] b.png: FAILED: broken" + Environment.NewLine, errors.ToString());
    }

    [TestMethod]
    public void PlainLinesStayWholeAndCountsRightWithImagesAtOnce()
    {
        const int Images = 8;
        var writer = new StringWriter();
        var progress = new PlainBatchProgress(writer);

        progress.Run(Images, () => RunAtOnce(Images, i =>
        {
            var image = progress.StartImage($"[{i + 1}/{Images}] image{i}.png", 100);
            for (var step = 10; step <= 100; step += 10)
            {
                image.Report(new TrainingProgress(step, 100, 0.5f, TimeSpan.FromSeconds(step)));
            }

            image.Succeeded("final loss 0.5", TimeSpan.FromSeconds(1));
        }));

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Images; i++)
        {
            var label = $"[{i + 1}/{Images}] image{i}.png: ";
            var mine = lines.Where(l => l.StartsWith(label, StringComparison.Ordinal)).ToArray();
            Assert.AreEqual($"{label}started, 100 training steps", mine[0]);
            Assert.HasCount(10, mine.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @": step \d+/100 loss 0\.5 \(1\.0 steps/s, \d+ s left\)$")));
            Assert.AreEqual($"{label}done in 1.0 s, final loss 0.5", mine[^1]);
            Assert.HasCount(12, mine);
        }

        var overall = lines.Where(l => l.StartsWith("overall: ", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEqual(
            Enumerable.Range(1, Images - 1).Select(done => $"overall: {done}/{Images} images done").ToArray(),
            overall.Select(l => l.Split(',')[0]).ToArray(),
            "each image counted once, in order");
        Assert.HasCount(Images * 12 + Images - 1, lines, "nothing but whole lines");
    }

    [TestMethod]
    public void QuietFailureLinesStayWholeWithImagesAtOnce()
    {
        const int Images = 16;
        var output = new StringWriter();
        var errors = new StringWriter();
        var progress = new QuietBatchProgress(output, errors);

        progress.Run(Images, () => RunAtOnce(Images, i => progress.StartImage($"[{i + 1}/{Images}] image{i}.png", 10).Failed(new string('x', 200))));

        CollectionAssert.AreEquivalent(
            Enumerable.Range(0, Images).Select(i => $"[{i + 1}/{Images}] image{i}.png: FAILED: {new string('x', 200)}").ToArray(),
            errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.AreEqual("", output.ToString());
    }

    [TestMethod]
    public void TerminalShowsEveryImageOfImagesAtOnce()
    {
        const int Images = 6;
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var progress = new SpectreBatchProgress(console);

        progress.Run(Images, () => RunAtOnce(Images, i =>
        {
            var image = progress.StartImage($"[{i + 1}/{Images}] image{i}.png", 50);
            for (var step = 1; step <= 50; step++)
            {
                image.Report(new TrainingProgress(step, 50, 0.25f, TimeSpan.FromSeconds(step)));
            }

            if (i % 2 == 0)
            {
                image.Succeeded($"final loss {i}", TimeSpan.FromSeconds(1));
            }
            else
            {
                image.Failed($"broken {i}");
            }
        }));

        var text = writer.ToString();
        for (var i = 0; i < Images; i++)
        {
            StringAssert.Contains(text, i % 2 == 0 ? $"[{i + 1}/{Images}] image{i}.png final loss {i}" : $"[{i + 1}/{Images}] image{i}.png FAILED: broken {i}");
        }
    }

    // Runs work(0) ... work(count - 1) on count threads released together, so the calls overlap.
    private static void RunAtOnce(int count, Action<int> work)
    {
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            work(i);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
