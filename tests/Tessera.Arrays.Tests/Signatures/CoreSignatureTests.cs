using Tessera.Arrays.Signatures;

namespace Tessera.Arrays.Tests.Signatures;

public sealed class CoreSignatureTests
{
    [Fact]
    public void Parse_IgnoresSpacesAndGivesCanonicalText()
    {
        var signature = CoreSignature.Parse("  ( z , y,x ),(pz, py ,px)  ->  (z,y,x) ");

        Assert.Equal("(z,y,x),(pz,py,px)->(z,y,x)", signature.Text);
        Assert.Equal("(z,y,x),(pz,py,px)->(z,y,x)", signature.ToString());
        Assert.Equal(2, signature.Inputs.Length);
        Assert.Equal(["z", "y", "x"], signature.Inputs[0].ToArray());
        Assert.Equal(["pz", "py", "px"], signature.Inputs[1].ToArray());
        Assert.Equal(["z", "y", "x"], signature.Output.ToArray());
    }

    [Fact]
    public void Parse_AcceptsScalarCoreAndEmptyLists()
    {
        var scalar = CoreSignature.Parse("()->()");
        Assert.Single(scalar.Inputs);
        Assert.Empty(scalar.Inputs[0]);
        Assert.Empty(scalar.Output);
        Assert.Equal("()->()", scalar.Text);

        var reduce = CoreSignature.Parse("(n_1, m),( ) -> ( )");
        Assert.Equal("(n_1,m),()->()", reduce.Text);
        Assert.Equal(2, reduce.Inputs.Length);
    }

    [Fact]
    public void Parse_EqualTextGivesEqualSignatures()
    {
        var a = CoreSignature.Parse("(y,x)->(y,x)");
        var b = CoreSignature.Parse(" (y, x) -> (y, x) ");
        var c = CoreSignature.Parse("(x,y)->(x,y)");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.False(a.Equals(null));
    }

    [Theory]
    [InlineData("(z,y,x)(z,y,x)", "expects '->'", "at '(z,y,x)'")]
    [InlineData("(z,y,x)", "expects '->'", "at its end")]
    [InlineData("(x)->(x),(x)", "more than one output", "one array")]
    [InlineData("(x,x)->(x)", "repeats dimension 'x'", "within one array")]
    [InlineData("(1x)->(1x)", "expects a dimension name", "not starting with a digit")]
    [InlineData("(x-y)->(x)", "expects ')'", "at '-y)->(x)'")]
    [InlineData("(x,)->(x)", "expects a dimension name", "at ')->(x)'")]
    [InlineData("(x)->(x) extra", "has extra text", "at 'extra'")]
    [InlineData("", "expects '('", "at its end")]
    [InlineData("x->x", "expects '('", "at 'x->x'")]
    public void Parse_RefusesMalformedTextSayingWhereAndHow(string text, string what, string where)
    {
        var error = Assert.Throws<SignatureException>(() => CoreSignature.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains("(z,y,x),(pz,py,px)->(z,y,x)", error.Message, StringComparison.Ordinal); // the example of the fix
        Assert.IsAssignableFrom<TesseraException>(error);
    }

    [Fact]
    public void Parse_RefusesAnOutputDimensionNoInputHas()
    {
        var error = Assert.Throws<SignatureException>(() => CoreSignature.Parse("(z,y,x),(pz,py,px)->(z,y,w)"));

        Assert.Contains("output dimension 'w' is not a dimension of any input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedNamesAcrossInputsAreAllowed()
    {
        var signature = CoreSignature.Parse("(y,x),(y,x)->(y,x)");

        Assert.Equal(["y", "x"], signature.Inputs[1].ToArray());
    }

    [Fact]
    public void Parse_RefusesNull() => Assert.Throws<ArgumentNullException>(() => CoreSignature.Parse(null!));
}
