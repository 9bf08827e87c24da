using System.Collections.Immutable;
using System.Text;

namespace Tessera.Arrays.Signatures;

/// <summary>
/// A generalised-ufunc core signature such as <c>(z,y,x),(pz,py,px)->(z,y,x)</c>: for each input and for
/// the output, the names of its trailing "core" dimensions, which a block function sees whole. Every
/// dimension before them is a loop dimension, broadcast across inputs with NumPy's rules, so a block
/// function never handles singleton or leading axes. A name used twice must have one size.
/// </summary>
public sealed class CoreSignature : IEquatable<CoreSignature>
{
    private CoreSignature(ImmutableArray<ImmutableArray<string>> inputs, ImmutableArray<string> output)
    {
        Inputs = inputs;
        Output = output;
        Text = Format(inputs, output);
    }

    /// <summary>The core dimension names of each input.</summary>
    public ImmutableArray<ImmutableArray<string>> Inputs { get; }

    /// <summary>The core dimension names of the output.</summary>
    public ImmutableArray<string> Output { get; }

    /// <summary>The canonical text, without spaces: <c>(z,y,x),(pz,py,px)->(z,y,x)</c>.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; spaces are ignored.</summary>
    /// <exception cref="SignatureException">The text is not a signature with one output, naming where and why.</exception>
    public static CoreSignature Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new SignatureReader(text);
        var inputs = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        inputs.Add(reader.ReadDimensionList());
        while (reader.TryConsume(','))
        {
            inputs.Add(reader.ReadDimensionList());
        }

        reader.Expect("->");
        var output = reader.ReadDimensionList();
        if (reader.TryConsume(','))
        {
            throw reader.Error("has more than one output; block operations return one array");
        }

        reader.ExpectEnd();
        var known = inputs.SelectMany(d => d).ToHashSet(StringComparer.Ordinal);
        foreach (string name in output)
        {
            if (!known.Contains(name))
            {
                throw new SignatureException($"Signature '{text}': output dimension '{name}' is not a dimension of any input, so its size is unknown. Use a name from the inputs.");
            }
        }

        return new CoreSignature(inputs.ToImmutable(), output);
    }

    /// <inheritdoc/>
    public bool Equals(CoreSignature? other) => other is not null && other.Text == Text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CoreSignature);

    /// <inheritdoc/>
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static string Format(ImmutableArray<ImmutableArray<string>> inputs, ImmutableArray<string> output)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', inputs.Select(i => "(" + string.Join(',', i) + ")"));
        text.Append("->(").AppendJoin(',', output).Append(')');
        return text.ToString();
    }

    /// <summary>A cursor over the signature text that skips spaces and reports errors with the position.</summary>
    private sealed class SignatureReader(string text)
    {
        private int _position;

        public ImmutableArray<string> ReadDimensionList()
        {
            Expect("(");
            var names = ImmutableArray.CreateBuilder<string>();
            SkipSpaces();
            if (TryConsume(')'))
            {
                return names.ToImmutable();
            }

            do
            {
                string name = ReadName();
                if (names.Contains(name))
                {
                    throw Error($"repeats dimension '{name}' within one array");
                }

                names.Add(name);
            }
            while (TryConsume(','));
            Expect(")");
            return names.ToImmutable();
        }

        public bool TryConsume(char c)
        {
            SkipSpaces();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public void Expect(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) != 0)
            {
                throw Error($"expects '{token}'");
            }

            _position += token.Length;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_position != text.Length)
            {
                throw Error("has extra text");
            }
        }

        public SignatureException Error(string what)
        {
            string at = _position < text.Length ? $"at '{text[_position..]}'" : "at its end";
            return new SignatureException($"Signature '{text}' {what} {at}. Write it like '(z,y,x),(pz,py,px)->(z,y,x)': one parenthesised list of dimension names per input, '->', and one for the output.");
        }

        private string ReadName()
        {
            SkipSpaces();
            int start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            if (_position == start || char.IsAsciiDigit(text[start]))
            {
                _position = start;
                throw Error("expects a dimension name (letters, digits and '_', not starting with a digit)");
            }

            return text[start.._position];
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
