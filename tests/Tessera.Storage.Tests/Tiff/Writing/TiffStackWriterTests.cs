using System.Runtime.InteropServices;
using Tessera.Buffers;
using Tessera.DataTypes;

namespace Tessera.Tiff.Writing;

public sealed class TiffStackWriterTests
{
    public static TheoryData<DataTypeKind, TiffCompression, TiffPredictor, int> Layouts()
    {
        var data = new TheoryData<DataTypeKind, TiffCompression, TiffPredictor, int>();
        foreach (var kind in new[] { DataTypeKind.UInt8, DataTypeKind.UInt16, DataTypeKind.Int16, DataTypeKind.Int32, DataTypeKind.UInt32, DataTypeKind.Float32 })
        {
            data.Add(kind, TiffCompression.None, TiffPredictor.Auto, 0);
            data.Add(kind, TiffCompression.Deflate, TiffPredictor.Auto, 3);
            data.Add(kind, TiffCompression.Deflate, TiffPredictor.None, 0);
        }

        data.Add(DataTypeKind.Float32, TiffCompression.Deflate, TiffPredictor.FloatingPoint, 2);
        data.Add(DataTypeKind.Float32, TiffCompression.Deflate, TiffPredictor.FloatingPoint, 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TiffStackWriter_WritesStackThatTifffileReads(DataTypeKind kind, TiffCompression compression, TiffPredictor predictor, int rowsPerStrip)
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("stack.tif");
        var type = new DataType(kind, ByteOrder.LittleEndian);
        byte[] data = Sample(type, 3 * 7 * 13, seed: (int)kind);
        var options = new TiffWriterOptions { Compression = compression, Predictor = predictor, RowsPerStrip = rowsPerStrip == 0 ? null : rowsPerStrip };

        using (var writer = new TiffStackWriter(path, 7, 13, type, 3, options))
        {
            for (int p = 0; p < 3; p++)
            {
                writer.WritePage(data.AsSpan(p * writer.PageBytes, writer.PageBytes));
            }

            writer.Complete();
            Assert.False(writer.IsBigTiff);
        }

        var result = TiffReference.Read(path, data, type.TypeString, 3, 7, 13);
        Assert.True(result.GetProperty("equal").GetBoolean());
        Assert.Equal(3, result.GetProperty("pages").GetInt32());
        Assert.Equal(type.Name, result.GetProperty("dtype").GetString());
        Assert.Equal([3, 7, 13], result.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(compression == TiffCompression.Deflate ? 8 : 1, result.GetProperty("compression").GetInt32());
        int expectedPredictor = compression == TiffCompression.None ? 1 : predictor switch
        {
            TiffPredictor.Auto => kind == DataTypeKind.Float32 ? 1 : 2,
            TiffPredictor.FloatingPoint => 3,
            _ => 1,
        };
        Assert.Equal(expectedPredictor, result.GetProperty("predictor").GetInt32());
        int rows = rowsPerStrip == 0 ? 7 : rowsPerStrip;
        Assert.Equal(rows, result.GetProperty("rowsperstrip").GetInt32());
        Assert.Equal((7 + rows - 1) / rows, result.GetProperty("strips").GetInt32());
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public void TiffStackWriter_WritesBigTiffAboveThreshold()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("big.tif");
        var type = DataType.For<ushort>();
        byte[] data = Sample(type, 5 * 193 * 31, seed: 5);
        var options = new TiffWriterOptions { Compression = TiffCompression.Deflate, BigTiffThresholdBytes = 1 };

        TiffWriter.Write(path, data, [5, 193, 31], type, options);

        var result = TiffReference.Read(path, data, "<u2", 5, 193, 31);
        Assert.True(result.GetProperty("bigtiff").GetBoolean());
        Assert.True(result.GetProperty("equal").GetBoolean());
    }

    [Fact]
    public void TiffStackWriter_WritesSinglePage()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("one.tif");
        using var buffer = NDBuffer<float>.Allocate([1, 1]);
        buffer[0, 0] = 42.5f;

        TiffWriter.Write(path, buffer);

        var result = TiffReference.Read(path, buffer.Bytes, "<f4", 1, 1);
        Assert.True(result.GetProperty("equal").GetBoolean());
        Assert.False(result.GetProperty("bigtiff").GetBoolean());
    }

    [Theory]
    [InlineData(127, false)]
    [InlineData(128, true)]
    [InlineData(100_000, true)]
    public void NeedsBigTiff_SwitchesAtFourGibibytes(long pages, bool expected)
    {
        // 4096 × 4096 uint16 is 32 MiB a page: 127 pages stay under 4 GiB, 128 reach it.
        Assert.Equal(expected, TiffStackWriter.NeedsBigTiff(4096, 4096, DataType.For<ushort>(), pages));
        Assert.Equal(expected, TiffStackWriter.NeedsBigTiff(4096, 4096, DataType.For<ushort>(), pages, new TiffWriterOptions { Compression = TiffCompression.Deflate }));
    }

    [Fact]
    public void TiffStackWriter_RejectsExtraPage()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("extra.tif");
        byte[] page = new byte[4 * 5];
        using (var writer = new TiffStackWriter(path, 4, 5, DataType.For<byte>(), 2))
        {
            writer.WritePage(page);
            writer.WritePage(page);
            var error = Assert.Throws<InvalidOperationException>(() => writer.WritePage(page));
            Assert.Contains("2 pages", error.Message, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(path));
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public void TiffStackWriter_CompleteWithMissingPagesThrowsAndLeavesNothing()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("short.tif");
        using (var writer = new TiffStackWriter(path, 4, 5, DataType.For<byte>(), 3))
        {
            writer.WritePage(new byte[20]);
            var error = Assert.Throws<InvalidOperationException>(writer.Complete);
            Assert.Contains("Only 1 of the 3", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(path));
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public void TiffStackWriter_ExceptionMidWriteLeavesNoTargetAndNoPartialFile()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("failed.tif");

        void Acquire()
        {
            using var writer = new TiffStackWriter(path, 8, 8, DataType.For<ushort>(), 4, new TiffWriterOptions { Compression = TiffCompression.Deflate });
            writer.WritePage(new byte[128]);
            writer.WritePage(new byte[128]);
            throw new TimeoutException("the acquisition stopped");
        }

        Assert.Throws<TimeoutException>(Acquire);

        Assert.False(File.Exists(path));
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public void TiffStackWriter_DisposedEarlyLeavesOldTargetUnchanged()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("kept.tif");
        byte[] old = [1, 2, 3, 4, 5];
        File.WriteAllBytes(path, old);

        var writer = new TiffStackWriter(path, 2, 3, DataType.For<byte>(), 2);
        writer.WritePage(new byte[6]);
        Assert.Single(Directory.GetFiles(dir.Path, "*.tessera-partial", SearchOption.AllDirectories));
        writer.Dispose();

        Assert.Equal(old, File.ReadAllBytes(path));
        AssertNoPartialFiles(dir.Path);
        Assert.Throws<InvalidOperationException>(() => writer.WritePage(new byte[6]));
    }

    [Fact]
    public void TiffStackWriter_ReplacesOldTargetOnComplete()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("replaced.tif");
        File.WriteAllBytes(path, [1, 2, 3]);
        byte[] data = Sample(DataType.For<byte>(), 2 * 3, seed: 1);

        using (var writer = new TiffStackWriter(path, 2, 3, DataType.For<byte>(), 1))
        {
            writer.WritePage(data);
        }

        Assert.True(TiffReference.Read(path, data, "|u1", 2, 3).GetProperty("equal").GetBoolean());
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public void TiffStackWriter_RejectsWrongPageLengthAndKeepsWriting()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("length.tif");
        using var writer = new TiffStackWriter(path, 2, 3, DataType.For<short>(), 1);
        Assert.Throws<ArgumentException>(() => writer.WritePage(new byte[6]));
        Assert.Throws<ArgumentException>(() => writer.WritePage<float>(new float[6]));
        writer.WritePage<short>(new short[6]);
        writer.Complete();
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData(DataTypeKind.Float64)]
    [InlineData(DataTypeKind.Int8)]
    [InlineData(DataTypeKind.Int64)]
    [InlineData(DataTypeKind.Bool)]
    public void TiffStackWriter_RefusesUnsupportedDataTypes(DataTypeKind kind)
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("x.tif"), 2, 2, new DataType(kind, ByteOrder.LittleEndian), 1));
        Assert.Contains("uint8, uint16, int16, int32, uint32 or float32", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TiffStackWriter_RefusesPredictorThatDoesNotFitTheType()
    {
        using var dir = new TempDirectory();
        var floatingOnInts = new TiffWriterOptions { Compression = TiffCompression.Deflate, Predictor = TiffPredictor.FloatingPoint };
        var horizontalOnFloats = new TiffWriterOptions { Compression = TiffCompression.Deflate, Predictor = TiffPredictor.Horizontal };
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("a.tif"), 2, 2, DataType.For<ushort>(), 1, floatingOnInts));
        Assert.Throws<ArgumentException>(() => new TiffStackWriter(dir.Combine("b.tif"), 2, 2, DataType.For<float>(), 1, horizontalOnFloats));
    }

    [Fact]
    public async Task TiffWriter_WriteAsyncCancelledLeavesNoTarget()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("cancelled.tif");
        using var buffer = NDBuffer<ushort>.Allocate([4, 8, 8]);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TiffWriter.WriteAsync(path, buffer, cancellationToken: cts.Token));

        Assert.False(File.Exists(path));
        AssertNoPartialFiles(dir.Path);
    }

    [Fact]
    public async Task TiffWriter_WriteAsyncWritesBuffer()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("async.tif");
        using var buffer = NDBuffer<uint>.Allocate([2, 3, 5, 7]);
        Sample(DataType.For<uint>(), buffer.Length, seed: 3).CopyTo(buffer.Bytes);

        await TiffWriter.WriteAsync(path, buffer, new TiffWriterOptions { Compression = TiffCompression.Deflate });

        var result = TiffReference.Read(path, buffer.Bytes, "<u4", 6, 5, 7);
        Assert.True(result.GetProperty("equal").GetBoolean());
        Assert.Equal(6, result.GetProperty("pages").GetInt32());
    }

    internal static void AssertNoPartialFiles(string folder) =>
        Assert.Empty(Directory.GetFiles(folder, "*.tessera-partial", SearchOption.AllDirectories));

    /// <summary>Seeded values that use the type's range (finite values only, for floats).</summary>
    internal static byte[] Sample(DataType type, int count, int seed)
    {
        var random = new Random(seed);
        byte[] bytes = new byte[count * type.ItemSize];
        if (type.Kind == DataTypeKind.Float32)
        {
            var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
            for (int i = 0; i < floats.Length; i++)
            {
                floats[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 6)));
            }
        }
        else
        {
            random.NextBytes(bytes);
        }

        return bytes;
    }
}
