using Tessera.Cli.Conversion;
using Tessera.DataTypes;

namespace Tessera.Cli.Tests.Conversion;

public sealed class CodecChoiceTests
{
    [Fact]
    public void Create_DefaultIsZarrPythonsDefaultCompressor()
    {
        var json = CodecChoice.Create(CodecChoice.Default, null, null, DataType.For<ushort>());

        Assert.Equal("""{"id":"blosc","cname":"lz4","clevel":5,"shuffle":1,"blocksize":0}""", json!.ToJsonString());
    }

    [Fact]
    public void Create_NoneIsNull()
    {
        Assert.Null(CodecChoice.Create("none", null, null, DataType.For<float>()));
    }

    [Theory]
    [InlineData("zlib", -1)]
    [InlineData("gzip", 10)]
    [InlineData("blosc-zstd", 10)]
    [InlineData("lz4", 0)]
    public void Create_RefusesLevelOutOfRange(string codec, int level)
    {
        var ex = Assert.Throws<UsageException>(() => CodecChoice.Create(codec, level, null, DataType.For<byte>()));

        Assert.Contains($"--level {level}", ex.Message);
    }

    [Fact]
    public void Create_EveryNameIsPreparedByTheRegistry()
    {
        foreach (string name in CodecChoice.Names)
        {
            _ = CodecChoice.Create(name, null, null, DataType.For<short>());
        }
    }
}
