using System.Text;

namespace ZsN2N.Ort.Onnx;

/// <summary>
/// Splits ONNX's textual syntax into tokens for <see cref="OnnxTextReader"/>: identifiers, integer and
/// float literals, quoted strings and punctuation. Skips whitespace and <c>#</c> line comments, and
/// remembers where each token starts so that errors can name the line and column.
/// </summary>
internal sealed class OnnxTextScanner
{
    private readonly string _text;
    private readonly string? _sourceName;
    private int _position;
    private int _line = 1;
    private int _column = 1;
    private Token? _peeked;

    /// <summary>Creates a scanner over <paramref name="text"/>.</summary>
    /// <param name="text">The ONNX text.</param>
    /// <param name="sourceName">A file name to put in error messages, or <see langword="null"/>.</param>
    public OnnxTextScanner(string text, string? sourceName)
    {
        _text = text;
        _sourceName = sourceName;
    }

    /// <summary>What a token is.</summary>
    public enum TokenKind
    {
        /// <summary>A name such as <c>Conv</c> or <c>float</c>.</summary>
        Identifier,

        /// <summary>An integer literal such as <c>-3</c>; its text is kept as written.</summary>
        Integer,

        /// <summary>A float literal such as <c>.5</c> or <c>1e-3</c>; its text is kept as written.</summary>
        Float,

        /// <summary>A quoted string; its text is the value with escapes resolved.</summary>
        String,

        /// <summary>Punctuation: one of <c>&lt; &gt; ( ) [ ] { } , : = ? .</c> or <c>=&gt;</c>.</summary>
        Symbol,

        /// <summary>The end of the input.</summary>
        End,
    }

    /// <summary>One token and the 1-based line and column where it starts.</summary>
    public readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
    {
        /// <summary>Whether this is the punctuation <paramref name="symbol"/>.</summary>
        public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

        /// <summary>How error messages name this token.</summary>
        public override string ToString() => Kind switch
        {
            TokenKind.Identifier => $"'{Text}'",
            TokenKind.Integer or TokenKind.Float => $"number {Text}",
            TokenKind.String => $"string \"{Text}\"",
            TokenKind.Symbol => $"'{Text}'",
            _ => "end of input",
        };
    }

    /// <summary>The next token, without consuming it.</summary>
    public Token Peek() => _peeked ??= Scan();

    /// <summary>Consumes and returns the next token.</summary>
    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>Consumes the next token if it is the punctuation <paramref name="symbol"/>.</summary>
    public bool TryTake(string symbol)
    {
        if (!Peek().Is(symbol))
        {
            return false;
        }

        Next();
        return true;
    }

    /// <summary>Consumes the punctuation <paramref name="symbol"/>.</summary>
    /// <exception cref="OnnxTextSyntaxException">The next token is something else.</exception>
    public void Expect(string symbol)
    {
        if (!TryTake(symbol))
        {
            throw ErrorExpected(Peek(), $"'{symbol}'");
        }
    }

    /// <summary>Consumes an identifier and returns it.</summary>
    /// <param name="what">What the identifier stands for, for the error message.</param>
    /// <exception cref="OnnxTextSyntaxException">The next token is not an identifier.</exception>
    public string ExpectIdentifier(string what) => Expect(TokenKind.Identifier, what);

    /// <summary>Consumes a quoted string and returns its value.</summary>
    /// <param name="what">What the string stands for, for the error message.</param>
    /// <exception cref="OnnxTextSyntaxException">The next token is not a string.</exception>
    public string ExpectString(string what) => Expect(TokenKind.String, what);

    /// <summary>
    /// Consumes a value name if one comes next: an identifier, or a quoted string for names that are
    /// not identifiers (such as <c>"onnx::Conv_1"</c>), as onnx.printer writes them.
    /// </summary>
    public string? TryTakeName()
    {
        var token = Peek();
        if (token.Kind is not (TokenKind.Identifier or TokenKind.String))
        {
            return null;
        }

        Next();
        return token.Text;
    }

    /// <summary>Consumes a value name (see <see cref="TryTakeName"/>) and returns it.</summary>
    /// <param name="what">What the name stands for, for the error message.</param>
    /// <exception cref="OnnxTextSyntaxException">The next token is not a name.</exception>
    public string ExpectName(string what) => TryTakeName() ?? throw ErrorExpected(Peek(), what);

    /// <summary>An error saying that <paramref name="expected"/> should stand where <paramref name="at"/> is.</summary>
    public OnnxTextSyntaxException ErrorExpected(Token at, string expected) =>
        Error(at, $"expected {expected}, found {at}.");

    /// <summary>An error at the start of <paramref name="at"/>.</summary>
    public OnnxTextSyntaxException Error(Token at, string reason) =>
        new(reason, at.Line, at.Column, _sourceName);

    private string Expect(TokenKind kind, string what)
    {
        var token = Peek();
        if (token.Kind != kind)
        {
            throw ErrorExpected(token, what);
        }

        Next();
        return token.Text;
    }

    private Token Scan()
    {
        SkipWhitespaceAndComments();
        int line = _line;
        int column = _column;
        if (_position == _text.Length)
        {
            return new Token(TokenKind.End, string.Empty, line, column);
        }

        char c = _text[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                Advance();
            }

            return new Token(TokenKind.Identifier, _text[start.._position], line, column);
        }

        if (StartsNumber())
        {
            return ScanNumber(line, column);
        }

        if (c == '"')
        {
            return ScanString(line, column);
        }

        if (c == '=' && PeekChar(1) == '>')
        {
            Advance();
            Advance();
            return new Token(TokenKind.Symbol, "=>", line, column);
        }

        if ("<>()[]{},:=?.".Contains(c, StringComparison.Ordinal))
        {
            Advance();
            return new Token(TokenKind.Symbol, c.ToString(), line, column);
        }

        throw new OnnxTextSyntaxException($"unexpected character '{c}'.", line, column, _sourceName);
    }

    private void SkipWhitespaceAndComments()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    Advance();
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    // A number starts with a digit, a '.' before a digit (.5), or a sign before either (-0.5, +3, -.5).
    private bool StartsNumber()
    {
        int offset = _text[_position] is '-' or '+' ? 1 : 0;
        char first = PeekChar(offset);
        return char.IsAsciiDigit(first) || (first == '.' && char.IsAsciiDigit(PeekChar(offset + 1)));
    }

    private Token ScanNumber(int line, int column)
    {
        int start = _position;
        bool isFloat = false;
        if (_text[_position] is '-' or '+')
        {
            Advance();
        }

        SkipDigits();
        if (PeekChar(0) == '.')
        {
            isFloat = true;
            Advance();
            SkipDigits();
        }

        if (PeekChar(0) is 'e' or 'E')
        {
            isFloat = true;
            Advance();
            if (PeekChar(0) is '-' or '+')
            {
                Advance();
            }

            if (!char.IsAsciiDigit(PeekChar(0)))
            {
                throw new OnnxTextSyntaxException(
                    $"expected the digits of the exponent in '{_text[start.._position]}'.", _line, _column, _sourceName);
            }

            SkipDigits();
        }

        return new Token(isFloat ? TokenKind.Float : TokenKind.Integer, _text[start.._position], line, column);
    }

    private Token ScanString(int line, int column)
    {
        Advance();
        var value = new StringBuilder();
        while (_position < _text.Length && _text[_position] != '\n')
        {
            char c = _text[_position];
            Advance();
            if (c == '"')
            {
                return new Token(TokenKind.String, value.ToString(), line, column);
            }

            if (c == '\\')
            {
                value.Append(ScanEscape());
            }
            else
            {
                value.Append(c);
            }
        }

        throw new OnnxTextSyntaxException("unterminated string: expected a closing '\"' on the same line.", line, column, _sourceName);
    }

    private char ScanEscape()
    {
        int line = _line;
        int column = _column - 1;
        char escaped = _position < _text.Length ? _text[_position] : '\0';
        char value = escaped switch
        {
            '"' => '"',
            '\'' => '\'',
            '\\' => '\\',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => throw new OnnxTextSyntaxException(
                "expected an escape sequence (\\\" \\' \\\\ \\n \\r \\t) after '\\'.", line, column, _sourceName),
        };
        Advance();
        return value;
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(PeekChar(0)))
        {
            Advance();
        }
    }

    private char PeekChar(int offset) =>
        _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }
}
