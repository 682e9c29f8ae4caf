using System.Collections.Frozen;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using ZsN2N.Ort.Onnx.Protos;
using static ZsN2N.Ort.Onnx.OnnxTextScanner;
using AttributeType = ZsN2N.Ort.Onnx.Protos.AttributeProto.Types.AttributeType;
using DataType = ZsN2N.Ort.Onnx.Protos.TensorProto.Types.DataType;

namespace ZsN2N.Ort.Onnx;

/// <summary>
/// Reads a model written in ONNX's textual syntax (the syntax of <c>onnx.parser</c> and <c>onnx.printer</c>,
/// https://onnx.ai/onnx/repo-docs/Syntax.html) into a <see cref="ModelProto"/>.
/// </summary>
/// <remarks>
/// The subset read covers model definitions: <c>#</c> comments; a header
/// <c>&lt;ir_version: 8, opset_import: ["" : 17], ...&gt;</c>; a graph
/// <c>name (float[N, 3] x, ...) =&gt; (float[N, 3] y) &lt;float[3] w = {1, 2, 3}&gt; { nodes }</c> with
/// optional initializers; tensor types with integer, symbolic or unknown (<c>?</c>) dimensions; and nodes
/// <c>y1, y2 = domain.Op &lt;attr = value&gt; (x1, , x3)</c> whose attributes are ints, floats, strings, lists
/// of those, or tensors. Functions, sequence and map types, and graph-valued attributes are not read.
/// </remarks>
internal static class OnnxTextReader
{
    private static readonly FrozenDictionary<string, DataType> ElementTypes = new Dictionary<string, DataType>
    {
        ["float"] = DataType.Float,
        ["double"] = DataType.Double,
        ["float16"] = DataType.Float16,
        ["int8"] = DataType.Int8,
        ["int16"] = DataType.Int16,
        ["int32"] = DataType.Int32,
        ["int64"] = DataType.Int64,
        ["uint8"] = DataType.Uint8,
        ["uint16"] = DataType.Uint16,
        ["uint32"] = DataType.Uint32,
        ["uint64"] = DataType.Uint64,
        ["bool"] = DataType.Bool,
        ["string"] = DataType.String,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, AttributeType> AttributeTypes = new Dictionary<string, AttributeType>
    {
        ["int"] = AttributeType.Int,
        ["float"] = AttributeType.Float,
        ["string"] = AttributeType.String,
        ["tensor"] = AttributeType.Tensor,
        ["ints"] = AttributeType.Ints,
        ["floats"] = AttributeType.Floats,
        ["strings"] = AttributeType.Strings,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Parses a model from ONNX text.</summary>
    /// <param name="text">The model in ONNX's textual syntax.</param>
    /// <returns>A new model; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="OnnxTextSyntaxException">The text is not valid; the message gives line, column and what was expected.</exception>
    public static ModelProto ReadModel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseModel(new OnnxTextScanner(text, sourceName: null));
    }

    /// <summary>Parses a model from a UTF-8 file in ONNX's textual syntax.</summary>
    /// <param name="path">The file, e.g. <c>artifacts/zsn2n.onnxtxt</c>.</param>
    /// <returns>A new model; the caller owns it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="OnnxTextSyntaxException">The text is not valid; the message gives the path, line, column and what was expected.</exception>
    public static ModelProto ReadModelFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ParseModel(new OnnxTextScanner(File.ReadAllText(path), path));
    }

    // model ::= ['<' key ':' value (',' key ':' value)* '>'] graph
    private static ModelProto ParseModel(OnnxTextScanner s)
    {
        var model = new ModelProto();
        if (s.TryTake("<"))
        {
            ParseModelHeader(s, model);
        }

        model.Graph = ParseGraph(s);
        if (s.Peek().Kind != TokenKind.End)
        {
            throw s.ErrorExpected(s.Peek(), "end of input after the graph");
        }

        return model;
    }

    private static void ParseModelHeader(OnnxTextScanner s, ModelProto model)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var keyToken = s.Peek();
            string key = s.ExpectIdentifier("a model property");
            if (!seen.Add(key))
            {
                throw s.Error(keyToken, $"model property '{key}' is set twice.");
            }

            s.Expect(":");
            switch (key)
            {
                case "ir_version": model.IrVersion = ParseInt64(s); break;
                case "model_version": model.ModelVersion = ParseInt64(s); break;
                case "producer_name": model.ProducerName = s.ExpectString("a quoted producer name"); break;
                case "producer_version": model.ProducerVersion = s.ExpectString("a quoted producer version"); break;
                case "domain": model.Domain = s.ExpectString("a quoted domain"); break;
                case "doc_string": model.DocString = s.ExpectString("a quoted doc string"); break;
                case "opset_import": ParseOpsetImports(s, model.OpsetImport); break;
                case "metadata_props": ParseMetadataProps(s, model.MetadataProps); break;
                default:
                    throw s.ErrorExpected(
                        keyToken,
                        "a model property (ir_version, opset_import, producer_name, producer_version, domain, model_version, doc_string, metadata_props)");
            }
        }
        while (s.TryTake(","));
        s.Expect(">");
    }

    // opset_import: ["" : 17, "com.microsoft" : 1]
    private static void ParseOpsetImports(OnnxTextScanner s, RepeatedField<OperatorSetIdProto> into)
    {
        s.Expect("[");
        if (s.TryTake("]"))
        {
            return;
        }

        do
        {
            string domain = s.ExpectString("a quoted opset domain (\"\" for the default domain)");
            s.Expect(":");
            into.Add(new OperatorSetIdProto { Domain = domain, Version = ParseInt64(s) });
        }
        while (s.TryTake(","));
        s.Expect("]");
    }

    // metadata_props: ["key" : "value", ...]
    private static void ParseMetadataProps(OnnxTextScanner s, RepeatedField<StringStringEntryProto> into)
    {
        s.Expect("[");
        if (s.TryTake("]"))
        {
            return;
        }

        do
        {
            string key = s.ExpectString("a quoted metadata key");
            s.Expect(":");
            into.Add(new StringStringEntryProto { Key = key, Value = s.ExpectString("a quoted metadata value") });
        }
        while (s.TryTake(","));
        s.Expect("]");
    }

    // graph ::= name '(' value-infos ')' '=>' '(' value-infos ')' ['<' initializers '>'] '{' node* '}'
    private static GraphProto ParseGraph(OnnxTextScanner s)
    {
        var graph = new GraphProto { Name = s.ExpectName("a graph name") };
        ParseValueInfos(s, graph.Input);
        s.Expect("=>");
        ParseValueInfos(s, graph.Output);
        if (s.TryTake("<"))
        {
            do
            {
                var at = s.Peek();
                var tensor = ParseTensor(s);
                if (tensor.Name.Length == 0)
                {
                    throw s.ErrorExpected(at, "a named initializer such as 'float[2] w = {1, 2}'");
                }

                graph.Initializer.Add(tensor);
            }
            while (s.TryTake(","));
            s.Expect(">");
        }

        s.Expect("{");
        while (!s.TryTake("}"))
        {
            graph.Node.Add(ParseNode(s));
        }

        return graph;
    }

    private static void ParseValueInfos(OnnxTextScanner s, RepeatedField<ValueInfoProto> into)
    {
        s.Expect("(");
        if (s.TryTake(")"))
        {
            return;
        }

        do
        {
            var type = ParseType(s);
            into.Add(new ValueInfoProto { Type = type, Name = s.ExpectName("a value name") });
        }
        while (s.TryTake(","));
        s.Expect(")");
    }

    // As in onnx.parser: `float` is a scalar (rank 0), `float[]` has unknown rank, `float[N, 3, ?]` has
    // known rank with symbolic, concrete and unknown dimensions; a dimension left out (`float[N, , 3]`) is unknown.
    private static TypeProto ParseType(OnnxTextScanner s)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)ParseElementType(s) };
        if (!s.TryTake("["))
        {
            tensor.Shape = new TensorShapeProto();
        }
        else if (!s.TryTake("]"))
        {
            tensor.Shape = new TensorShapeProto();
            do
            {
                var dim = new TensorShapeProto.Types.Dimension();
                var token = s.Peek();
                if (token.Kind == TokenKind.Integer)
                {
                    dim.DimValue = ParseDimension(s);
                }
                else if (s.TryTakeName() is { } param)
                {
                    dim.DimParam = param;
                }
                else if (!s.TryTake("?") && !token.Is(",") && !token.Is("]"))
                {
                    throw s.ErrorExpected(token, "a dimension (an integer, a name or '?')");
                }

                tensor.Shape.Dim.Add(dim);
            }
            while (s.TryTake(","));
            s.Expect("]");
        }

        return new TypeProto { TensorType = tensor };
    }

    private static DataType ParseElementType(OnnxTextScanner s)
    {
        var token = s.Peek();
        if (token.Kind != TokenKind.Identifier || !ElementTypes.TryGetValue(token.Text, out var type))
        {
            throw s.ErrorExpected(token, $"an element type ({string.Join(", ", ElementTypes.Keys)})");
        }

        s.Next();
        return type;
    }

    // tensor ::= element-type ['[' int (',' int)* ']'] [name] ['='] '{' literal (',' literal)* '}'
    private static TensorProto ParseTensor(OnnxTextScanner s)
    {
        var tensor = new TensorProto();
        var type = ParseElementType(s);
        tensor.DataType = (int)type;
        if (s.TryTake("[") && !s.TryTake("]"))
        {
            do
            {
                tensor.Dims.Add(ParseDimension(s));
            }
            while (s.TryTake(","));
            s.Expect("]");
        }

        tensor.Name = s.TryTakeName() ?? string.Empty;
        s.TryTake("=");
        var open = s.Peek();
        s.Expect("{");
        int count = 0;
        if (!s.TryTake("}"))
        {
            do
            {
                AddTensorValue(s, tensor, type);
                count++;
            }
            while (s.TryTake(","));
            s.Expect("}");
        }

        long expected = tensor.Dims.Aggregate(1L, (product, dim) => product * dim);
        if (count != expected)
        {
            string shape = string.Join(", ", tensor.Dims);
            throw s.Error(open, $"a tensor of shape [{shape}] needs {expected} values, found {count}.");
        }

        return tensor;
    }

    // Each element type is stored in the field onnx.proto assigns it; float16 keeps its bits in int32_data.
    private static void AddTensorValue(OnnxTextScanner s, TensorProto tensor, DataType type)
    {
        switch (type)
        {
            case DataType.Float: tensor.FloatData.Add((float)ParseDouble(s)); break;
            case DataType.Double: tensor.DoubleData.Add(ParseDouble(s)); break;
            case DataType.Float16: tensor.Int32Data.Add(BitConverter.HalfToUInt16Bits((Half)ParseDouble(s))); break;
            case DataType.Int8: tensor.Int32Data.Add((int)ParseInteger(s, sbyte.MinValue, sbyte.MaxValue)); break;
            case DataType.Int16: tensor.Int32Data.Add((int)ParseInteger(s, short.MinValue, short.MaxValue)); break;
            case DataType.Int32: tensor.Int32Data.Add((int)ParseInteger(s, int.MinValue, int.MaxValue)); break;
            case DataType.Uint8: tensor.Int32Data.Add((int)ParseInteger(s, byte.MinValue, byte.MaxValue)); break;
            case DataType.Uint16: tensor.Int32Data.Add((int)ParseInteger(s, ushort.MinValue, ushort.MaxValue)); break;
            case DataType.Bool: tensor.Int32Data.Add((int)ParseInteger(s, 0, 1)); break;
            case DataType.Int64: tensor.Int64Data.Add((long)ParseInteger(s, long.MinValue, long.MaxValue)); break;
            case DataType.Uint32: tensor.Uint64Data.Add((ulong)ParseInteger(s, uint.MinValue, uint.MaxValue)); break;
            case DataType.Uint64: tensor.Uint64Data.Add((ulong)ParseInteger(s, ulong.MinValue, ulong.MaxValue)); break;
            default: tensor.StringData.Add(ByteString.CopyFromUtf8(s.ExpectString("a quoted string"))); break;
        }
    }

    // node ::= outputs '=' [domain '.'] op ['<' attribute (',' attribute)* '>'] '(' inputs ')'
    private static NodeProto ParseNode(OnnxTextScanner s)
    {
        var node = new NodeProto();
        if (s.Peek().Kind is not (TokenKind.Identifier or TokenKind.String))
        {
            throw s.ErrorExpected(s.Peek(), "a node such as 'y = Op (x)', or '}'");
        }

        ParseNameList(s, node.Output, "=");
        s.Expect("=");
        var parts = new List<string> { s.ExpectIdentifier("an operator name") };
        while (s.TryTake("."))
        {
            parts.Add(s.ExpectIdentifier("an operator or domain name after '.'"));
        }

        node.OpType = parts[^1];
        node.Domain = string.Join('.', parts.Take(parts.Count - 1));
        if (s.TryTake("<"))
        {
            do
            {
                var at = s.Peek();
                var attribute = ParseAttribute(s);
                if (node.Attribute.Any(a => a.Name == attribute.Name))
                {
                    throw s.Error(at, $"attribute '{attribute.Name}' is set twice.");
                }

                node.Attribute.Add(attribute);
            }
            while (s.TryTake(","));
            s.Expect(">");
        }

        s.Expect("(");
        ParseNameList(s, node.Input, ")");
        s.Expect(")");
        return node;
    }

    // Names separated by commas; an empty slot (`x, , z`) is an optional value left out and reads as "".
    private static void ParseNameList(OnnxTextScanner s, RepeatedField<string> into, string end)
    {
        if (s.Peek().Is(end))
        {
            return;
        }

        do
        {
            into.Add(s.TryTakeName() ?? string.Empty);
        }
        while (s.TryTake(","));
    }

    // attribute ::= name [':' type] '=' value
    private static AttributeProto ParseAttribute(OnnxTextScanner s)
    {
        var attribute = new AttributeProto { Name = s.ExpectIdentifier("an attribute name") };
        AttributeType? declared = null;
        if (s.TryTake(":"))
        {
            var typeToken = s.Peek();
            if (typeToken.Kind != TokenKind.Identifier || !AttributeTypes.TryGetValue(typeToken.Text, out var type))
            {
                throw s.ErrorExpected(typeToken, $"an attribute type ({string.Join(", ", AttributeTypes.Keys)})");
            }

            s.Next();
            declared = type;
        }

        s.Expect("=");
        var value = s.Peek();
        if (value.Is("["))
        {
            ParseAttributeList(s, attribute, declared);
        }
        else if (value.Kind == TokenKind.String)
        {
            attribute.S = ByteString.CopyFromUtf8(s.Next().Text);
            attribute.Type = AttributeType.String;
        }
        else if (value.Kind == TokenKind.Float || (value.Kind == TokenKind.Integer && declared == AttributeType.Float))
        {
            attribute.F = (float)ParseDouble(s);
            attribute.Type = AttributeType.Float;
        }
        else if (value.Kind == TokenKind.Integer)
        {
            attribute.I = ParseInt64(s);
            attribute.Type = AttributeType.Int;
        }
        else if (value.Kind == TokenKind.Identifier && ElementTypes.ContainsKey(value.Text))
        {
            attribute.T = ParseTensor(s);
            attribute.Type = AttributeType.Tensor;
        }
        else
        {
            throw s.ErrorExpected(value, "an attribute value (a number, a quoted string, a list or a tensor)");
        }

        if (declared is { } expected && expected != attribute.Type)
        {
            throw s.Error(value, $"attribute '{attribute.Name}' is declared {Describe(expected)} but its value is {Describe(attribute.Type)}.");
        }

        return attribute;
    }

    // A list of strings is STRINGS; a list of numbers is INTS unless any is a float literal (or it is
    // declared floats), then FLOATS. An empty list has no element to tell, so it needs a declared type.
    private static void ParseAttributeList(OnnxTextScanner s, AttributeProto attribute, AttributeType? declared)
    {
        var open = s.Peek();
        s.Expect("[");
        var items = new List<Token>();
        if (!s.TryTake("]"))
        {
            do
            {
                var item = s.Next();
                if (item.Kind is not (TokenKind.Integer or TokenKind.Float or TokenKind.String))
                {
                    throw s.ErrorExpected(item, "a number or a quoted string");
                }

                if (items.Count > 0 && (item.Kind == TokenKind.String) != (items[0].Kind == TokenKind.String))
                {
                    throw s.ErrorExpected(item, items[0].Kind == TokenKind.String ? "a quoted string like the first element" : "a number like the first element");
                }

                items.Add(item);
            }
            while (s.TryTake(","));
            s.Expect("]");
        }

        if (items.Count == 0)
        {
            attribute.Type = declared is AttributeType.Ints or AttributeType.Floats or AttributeType.Strings
                ? declared.Value
                : throw s.Error(open, $"an empty list needs a declared type, e.g. '{attribute.Name}: ints = []'.");
        }
        else if (items[0].Kind == TokenKind.String)
        {
            attribute.Strings.AddRange(items.Select(item => ByteString.CopyFromUtf8(item.Text)));
            attribute.Type = AttributeType.Strings;
        }
        else if (declared == AttributeType.Floats || items.Any(item => item.Kind == TokenKind.Float))
        {
            attribute.Floats.AddRange(items.Select(item => (float)ToDouble(s, item)));
            attribute.Type = AttributeType.Floats;
        }
        else
        {
            attribute.Ints.AddRange(items.Select(item => (long)ToInteger(s, item, long.MinValue, long.MaxValue)));
            attribute.Type = AttributeType.Ints;
        }
    }

    private static string Describe(AttributeType type) => AttributeTypes.First(pair => pair.Value == type).Key;

    private static long ParseDimension(OnnxTextScanner s) => (long)ParseInteger(s, 0, long.MaxValue);

    private static long ParseInt64(OnnxTextScanner s) => (long)ParseInteger(s, long.MinValue, long.MaxValue);

    private static Int128 ParseInteger(OnnxTextScanner s, Int128 min, Int128 max) => ToInteger(s, s.Next(), min, max);

    private static double ParseDouble(OnnxTextScanner s) => ToDouble(s, s.Next());

    private static Int128 ToInteger(OnnxTextScanner s, Token token, Int128 min, Int128 max)
    {
        if (token.Kind != TokenKind.Integer)
        {
            throw s.ErrorExpected(token, "an integer");
        }

        if (!Int128.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw s.Error(token, $"integer {token.Text} is out of range; expected {min} to {max}.");
        }

        return value;
    }

    private static double ToDouble(OnnxTextScanner s, Token token)
    {
        if (token.Kind is not (TokenKind.Integer or TokenKind.Float))
        {
            throw s.ErrorExpected(token, "a number");
        }

        return double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
