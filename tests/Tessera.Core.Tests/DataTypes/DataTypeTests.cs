using System.Runtime.CompilerServices;
using Tessera.DataTypes;

namespace Tessera.Core.Tests.DataTypes;

public class DataTypeTests
{
    // Written out by hand rather than taken from DataType.SupportedTypeStrings, so the message test is independent.
    private static readonly string[] SupportedLittleEndian = ["|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f4", "<f8"];

    [Theory]
    [InlineData("|u1", DataTypeKind.UInt8, ByteOrder.NotApplicable, 1)]
    [InlineData("<u2", DataTypeKind.UInt16, ByteOrder.LittleEndian, 2)]
    [InlineData(">u2", DataTypeKind.UInt16, ByteOrder.BigEndian, 2)]
    [InlineData("<i2", DataTypeKind.Int16, ByteOrder.LittleEndian, 2)]
    [InlineData("<i4", DataTypeKind.Int32, ByteOrder.LittleEndian, 4)]
    [InlineData("<u4", DataTypeKind.UInt32, ByteOrder.LittleEndian, 4)]
    [InlineData("<i8", DataTypeKind.Int64, ByteOrder.LittleEndian, 8)]
    [InlineData("<u8", DataTypeKind.UInt64, ByteOrder.LittleEndian, 8)]
    [InlineData("<f4", DataTypeKind.Float32, ByteOrder.LittleEndian, 4)]
    [InlineData("<f8", DataTypeKind.Float64, ByteOrder.LittleEndian, 8)]
    [InlineData("|b1", DataTypeKind.Bool, ByteOrder.NotApplicable, 1)]
    [InlineData("|i1", DataTypeKind.Int8, ByteOrder.NotApplicable, 1)]
    [InlineData(">f8", DataTypeKind.Float64, ByteOrder.BigEndian, 8)]
    [InlineData(">i4", DataTypeKind.Int32, ByteOrder.BigEndian, 4)]
    public void Parse_RoundTripsThroughTypeString(string typeString, DataTypeKind kind, ByteOrder order, int itemSize)
    {
        var type = DataType.Parse(typeString);

        Assert.Equal(new DataType(kind, order), type);
        Assert.Equal(itemSize, type.ItemSize);
        Assert.Equal(typeString, type.TypeString);
        Assert.Equal(typeString, type.ToString());
        Assert.Equal(type, DataType.Parse(type.TypeString));
        Assert.True(DataType.TryParse(typeString, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Theory]
    [InlineData("=u2", "<u2")]
    [InlineData("=i8", "<i8")]
    [InlineData("=f4", "<f4")]
    [InlineData("=u1", "|u1")]
    [InlineData("<u1", "|u1")]
    [InlineData(">u1", "|u1")]
    [InlineData("<i1", "|i1")]
    [InlineData(">b1", "|b1")]
    [InlineData("<b1", "|b1")]
    [InlineData("|u2", "<u2")] // NumPy reads '|' on a multi-byte type as native order too.
    public void Parse_NormalisesOrder(string typeString, string expected)
    {
        // The tests assume a little-endian machine, as DataType.NeedsByteSwap does.
        Assert.True(BitConverter.IsLittleEndian);

        Assert.Equal(expected, DataType.Parse(typeString).TypeString);
    }

    [Fact]
    public void Parse_GivesNotApplicableOrderToOneByteTypes()
    {
        Assert.Equal(ByteOrder.NotApplicable, DataType.Parse("<u1").Order);
        Assert.Equal(ByteOrder.NotApplicable, DataType.Parse(">i1").Order);
        Assert.Equal(DataType.Parse("|b1"), DataType.Parse("<b1"));
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData("|S5")]
    [InlineData("<M8[ns]")]
    [InlineData("<f2")]
    [InlineData("")]
    [InlineData("u2")]
    [InlineData("<u3")]
    [InlineData("<x4")]
    [InlineData("?u2")]
    [InlineData("<u16")]
    [InlineData("<u02")]
    [InlineData("<u+2")]
    [InlineData("<u2 ")]
    [InlineData(" <u2")]
    [InlineData("<U2")]
    public void Parse_RejectsUnsupportedTypesAndListsSupportedOnes(string typeString)
    {
        var ex = Assert.Throws<UnsupportedDataTypeException>(() => DataType.Parse(typeString));

        Assert.IsAssignableFrom<TesseraException>(ex);
        Assert.Equal(typeString, ex.TypeString);
        Assert.Contains($"'{typeString}'", ex.Message, StringComparison.Ordinal);
        foreach (string supported in SupportedLittleEndian)
        {
            Assert.Contains(supported, ex.Message, StringComparison.Ordinal);
        }

        Assert.False(DataType.TryParse(typeString, out _));
    }

    [Fact]
    public void Parse_RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => DataType.Parse(null!));
        Assert.False(DataType.TryParse(null, out _));
    }

    [Theory]
    [InlineData("|b1", typeof(bool))]
    [InlineData("|i1", typeof(sbyte))]
    [InlineData("|u1", typeof(byte))]
    [InlineData("<i2", typeof(short))]
    [InlineData(">u2", typeof(ushort))]
    [InlineData("<i4", typeof(int))]
    [InlineData("<u4", typeof(uint))]
    [InlineData("<i8", typeof(long))]
    [InlineData(">u8", typeof(ulong))]
    [InlineData("<f4", typeof(float))]
    [InlineData(">f8", typeof(double))]
    public void ClrType_MatchesKind(string typeString, Type expected)
    {
        Assert.Equal(expected, DataType.Parse(typeString).ClrType);
    }

    [Fact]
    public void For_GivesLittleEndianTypeOfMatchingSize()
    {
        CheckFor<bool>("|b1");
        CheckFor<sbyte>("|i1");
        CheckFor<byte>("|u1");
        CheckFor<short>("<i2");
        CheckFor<ushort>("<u2");
        CheckFor<int>("<i4");
        CheckFor<uint>("<u4");
        CheckFor<long>("<i8");
        CheckFor<ulong>("<u8");
        CheckFor<float>("<f4");
        CheckFor<double>("<f8");
    }

    [Fact]
    public void For_RejectsNonElementTypes()
    {
        Assert.Throws<NotSupportedException>(() => DataType.For<char>());
        Assert.Throws<NotSupportedException>(() => DataType.For<decimal>());
        Assert.Throws<NotSupportedException>(() => DataType.For<Guid>());
    }

    [Theory]
    [InlineData(">u2", true)]
    [InlineData(">i4", true)]
    [InlineData(">f8", true)]
    [InlineData("<u2", false)]
    [InlineData("<f8", false)]
    [InlineData("=i8", false)]
    [InlineData("|u1", false)]
    [InlineData(">u1", false)]
    [InlineData(">b1", false)]
    public void NeedsByteSwap_OnlyForBigEndianMultiByteTypes(string typeString, bool expected)
    {
        Assert.True(BitConverter.IsLittleEndian);

        Assert.Equal(expected, DataType.Parse(typeString).NeedsByteSwap);
    }

    [Theory]
    [InlineData(">u2", "<u2")]
    [InlineData(">f8", "<f8")]
    [InlineData("<i4", "<i4")]
    [InlineData("|u1", "|u1")]
    public void AsNative_GivesLittleEndianType(string typeString, string expected)
    {
        Assert.Equal(expected, DataType.Parse(typeString).AsNative().TypeString);
    }

    [Theory]
    [InlineData("|b1", "bool", false)]
    [InlineData("|i1", "int8", false)]
    [InlineData(">u2", "uint16", false)]
    [InlineData("<i8", "int64", false)]
    [InlineData("<f4", "float32", true)]
    [InlineData(">f8", "float64", true)]
    public void Name_IsNumPyName(string typeString, string name, bool isFloatingPoint)
    {
        var type = DataType.Parse(typeString);

        Assert.Equal(name, type.Name);
        Assert.Equal(isFloatingPoint, type.IsFloatingPoint);
    }

    private static void CheckFor<T>(string expected)
        where T : unmanaged
    {
        var type = DataType.For<T>();
        Assert.Equal(expected, type.TypeString);
        Assert.Equal(typeof(T), type.ClrType);
        Assert.Equal(Unsafe.SizeOf<T>(), type.ItemSize);
        Assert.False(type.NeedsByteSwap);
    }
}
