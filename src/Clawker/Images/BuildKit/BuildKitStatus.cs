using Google.Protobuf;

namespace Clawker.Images.BuildKit;

/// <summary>One step (vertex) as a status message describes it; a step is described again as it changes.</summary>
internal sealed record BuildKitVertex(string Digest, string Name, bool Cached, DateTimeOffset? Started, DateTimeOffset? Completed, string? Error);

/// <summary>Output a step's process wrote (stream 1 stdout, 2 stderr), a chunk, not a line.</summary>
internal sealed record BuildKitLog(string Vertex, int Stream, byte[] Message);

/// <summary>
/// One <c>moby.buildkit.trace</c> payload: moby/buildkit's <c>StatusResponse</c>
/// (api/services/control/control.proto), read field by field with <see cref="CodedInputStream"/>
/// so only what the progress lines need is decoded (vertexes=1, logs=3; statuses=2 and
/// warnings=4 are skipped). A field of an unexpected wire type is skipped, not misread.
/// </summary>
internal sealed record BuildKitStatus(IReadOnlyList<BuildKitVertex> Vertexes, IReadOnlyList<BuildKitLog> Logs)
{
    /// <summary>Decodes a payload.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a protobuf message (truncated, garbage).</exception>
    /// <exception cref="FormatException">A field has a wire type BuildKit does not use (garbage).</exception>
    public static BuildKitStatus Decode(byte[] payload)
    {
        var vertexes = new List<BuildKitVertex>();
        var logs = new List<BuildKitLog>();
        var input = new CodedInputStream(payload);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (Field(tag))
            {
                case (1, WireFormat.WireType.LengthDelimited):
                    vertexes.Add(Vertex(input.ReadBytes()));
                    break;
                case (3, WireFormat.WireType.LengthDelimited):
                    logs.Add(Log(input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new BuildKitStatus(vertexes, logs);
    }

    // Groups (3, 4) are not in control.proto and 6, 7 are no wire type at all: such bytes are garbage.
    private static (int Number, WireFormat.WireType Type) Field(uint tag) => WireFormat.GetTagWireType(tag) switch
    {
        WireFormat.WireType.Varint or WireFormat.WireType.Fixed64 or WireFormat.WireType.LengthDelimited or WireFormat.WireType.Fixed32 =>
            (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag)),
        _ => throw new FormatException("A protobuf field of no wire type BuildKit uses."),
    };

    // Vertex: digest=1, inputs=2, name=3, cached=4, started=5, completed=6, error=7.
    private static BuildKitVertex Vertex(ByteString bytes)
    {
        string digest = string.Empty, name = string.Empty;
        string? error = null;
        var cached = false;
        DateTimeOffset? started = null, completed = null;
        var input = bytes.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (Field(tag))
            {
                case (1, WireFormat.WireType.LengthDelimited): digest = input.ReadString(); break;
                case (3, WireFormat.WireType.LengthDelimited): name = input.ReadString(); break;
                case (4, WireFormat.WireType.Varint): cached = input.ReadBool(); break;
                case (5, WireFormat.WireType.LengthDelimited): started = Timestamp(input.ReadBytes()); break;
                case (6, WireFormat.WireType.LengthDelimited): completed = Timestamp(input.ReadBytes()); break;
                case (7, WireFormat.WireType.LengthDelimited): error = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new BuildKitVertex(digest, name, cached, started, completed, string.IsNullOrEmpty(error) ? null : error);
    }

    // VertexLog: vertex=1, timestamp=2, stream=3, msg=4.
    private static BuildKitLog Log(ByteString bytes)
    {
        var vertex = string.Empty;
        var stream = 0;
        var message = Array.Empty<byte>();
        var input = bytes.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (Field(tag))
            {
                case (1, WireFormat.WireType.LengthDelimited): vertex = input.ReadString(); break;
                case (3, WireFormat.WireType.Varint): stream = (int)input.ReadInt64(); break;
                case (4, WireFormat.WireType.LengthDelimited): message = input.ReadBytes().ToByteArray(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new BuildKitLog(vertex, stream, message);
    }

    // google.protobuf.Timestamp: seconds=1, nanos=2; out-of-range values are no time, not an exception.
    private static DateTimeOffset? Timestamp(ByteString bytes)
    {
        long seconds = 0, nanos = 0;
        var input = bytes.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (Field(tag))
            {
                case (1, WireFormat.WireType.Varint): seconds = input.ReadInt64(); break;
                case (2, WireFormat.WireType.Varint): nanos = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }

        const long MaxSeconds = 253_402_300_799; // 9999-12-31
        return seconds is < 0 or > MaxSeconds || nanos is < 0 or >= 1_000_000_000
            ? null
            : DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
    }
}
