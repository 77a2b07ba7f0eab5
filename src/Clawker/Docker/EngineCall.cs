namespace Clawker.Docker;

/// <summary>
/// The engine call under way in this async flow, and the request it last sent: lets a failure
/// that surfaces above Docker.DotNet (a JSON answer that does not parse) name its request.
/// </summary>
internal sealed class EngineCall
{
    private static readonly AsyncLocal<EngineCall?> Flow = new();

    private string? _request;

    /// <summary>The call of this async flow, if one is under way.</summary>
    public static EngineCall? Current => Flow.Value;

    /// <summary>The last request sent, for example <c>GET /volumes/clawker-globals</c>.</summary>
    public string? LastRequest => Volatile.Read(ref _request);

    /// <summary>Starts a call for the rest of the calling async method (AsyncLocal scoping ends it).</summary>
    public static EngineCall Begin()
    {
        var call = new EngineCall();
        Flow.Value = call;
        return call;
    }

    public void Started(string request) => Volatile.Write(ref _request, request);

    /// <summary>
    /// Query parameters (already escaped, <c>name=value</c> joined by <c>&amp;</c>) added to this
    /// call's push request: ones Docker.DotNet cannot send, such as podman's <c>tlsVerify</c>.
    /// </summary>
    public string? PushQuery { get; set; }

    /// <summary>What the last <c>/_ping</c> of this call said in its headers.</summary>
    public EnginePing? Ping { get; set; }
}
