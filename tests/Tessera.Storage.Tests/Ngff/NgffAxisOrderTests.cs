using Tessera.Ngff;

namespace Tessera.Storage.Tests.Ngff;

public sealed class NgffAxisOrderTests
{
    [Theory]
    [InlineData("c,t,z,y,x", "t,c,z,y,x", new[] { 1, 0, 2, 3, 4 })]
    [InlineData("t,c,z,y,x", "t,c,z,y,x", new[] { 0, 1, 2, 3, 4 })]
    [InlineData(" z , c , y , x ", "c,z,y,x", new[] { 1, 0, 2, 3 })]
    [InlineData("x,y,c", "c,x,y", new[] { 2, 0, 1 })]
    [InlineData("z,y,x,t", "t,z,y,x", new[] { 3, 0, 1, 2 })]
    [InlineData("y,x", "y,x", new[] { 0, 1 })]
    public void Parse_PutsTimeThenChannelThenSpaceInTheGivenOrder(string text, string ngff, int[] permutation)
    {
        var order = NgffAxisOrder.Parse(text);

        Assert.Equal(ngff.Split(','), order.Axes.Select(a => a.Name));
        Assert.Equal(permutation, order.Permutation);
        Assert.Equal(text.Split(',').Select(n => n.Trim()), order.InputNames);
        Assert.Equal(permutation.Select((p, i) => p == i).All(s => s), order.IsIdentity);
    }

    [Fact]
    public void Parse_InfersTypesAndGivesUnits()
    {
        var order = NgffAxisOrder.Parse("c,t,z,y,x", spaceUnit: "micrometer", timeUnit: "millisecond");

        Assert.Equal(
            [NgffAxisType.Time, NgffAxisType.Channel, NgffAxisType.Space, NgffAxisType.Space, NgffAxisType.Space],
            order.Axes.Select(a => a.Type));
        Assert.Equal(["millisecond", null, "micrometer", "micrometer", "micrometer"], order.Axes.Select(a => a.Unit));
    }

    [Theory]
    [InlineData("c,q,y,x", "Axis 'q' in \"c,q,y,x\" is not a known axis name; use t (time), c (channel), and z, y, x (space)")]
    [InlineData("Z,Y,X", "Axis 'Z'")]
    [InlineData("c,y,y,x", "Axis 'y' appears twice in \"c,y,y,x\" (positions 1 and 2)")]
    [InlineData("c,t", "has 0 space axes; OME-NGFF needs 2 or 3 of z, y, x")]
    [InlineData("t,x", "has 1 space axes")]
    [InlineData("c,,y,x", "has an empty name at position 1")]
    [InlineData("", "has an empty name at position 0")]
    public void Parse_RejectsBadListsWithTheAllowedNames(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => NgffAxisOrder.Parse(text));

        Assert.Equal("text", ex.ParamName);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsUnitsTheSpecDoesNotList()
    {
        var space = Assert.Throws<ArgumentException>(() => NgffAxisOrder.Parse("z,y,x", spaceUnit: "um"));
        var time = Assert.Throws<ArgumentException>(() => NgffAxisOrder.Parse("t,y,x", timeUnit: "frames"));

        Assert.Equal("spaceUnit", space.ParamName);
        Assert.Contains("'um' is written 'micrometer'", space.Message, StringComparison.Ordinal);
        Assert.Equal("timeUnit", time.ParamName);
        Assert.Contains("such as second, millisecond", time.Message, StringComparison.Ordinal);
    }
}
