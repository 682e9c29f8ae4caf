using ZsN2N.Cli.Commands;

namespace ZsN2N.Cli.Tests.Commands;

[TestClass]
public sealed class ShardTests
{
    [TestMethod]
    public void ParsesIOverN() => Assert.AreEqual(new Shard(2, 5), Shard.Parse("2/5"));

    [TestMethod]
    [DataRow("5/5")]
    [DataRow("0/0")]
    [DataRow("x")]
    [DataRow("1/2/3")]
    [DataRow("+1/2")]
    public void RejectsWithAMessageSayingWhatIsExpected(string text)
    {
        var error = Assert.Throws<FormatException>(() => Shard.Parse(text));
        StringAssert.Contains(error.Message, "--shard");
    }

    [TestMethod]
    public void ShardsPartitionAnyList()
    {
        for (var count = 1; count <= 6; count++)
        {
            for (var shards = 1; shards <= 8; shards++)
            {
                var items = Enumerable.Range(0, count).ToArray();
                var taken = Enumerable.Range(0, shards).SelectMany(i => new Shard(i, shards).Select(items)).Order().ToArray();
                CollectionAssert.AreEqual(items, taken, $"{count} items over {shards} shards");
            }
        }
    }
}
