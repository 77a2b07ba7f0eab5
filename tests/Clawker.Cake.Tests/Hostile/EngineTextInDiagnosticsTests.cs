namespace Clawker.Cake.Tests.Hostile;

/// <summary>
/// What Cake prints at Diagnostic verbosity (the failure's ToString: every inner exception's
/// message) holds no engine text beyond the vetted excerpt: not an error body's other fields, not
/// a garbled status line, however long.
/// </summary>
public sealed class EngineTextInDiagnosticsTests : IDisposable
{
    private const string Marker = "ENGINE-TEXT-NOT-VETTED-4f1c";

    // Far past the 500 characters a message may quote (an excerpt keeps the head and the tail, so the marker is in the middle).
    private static readonly string Padding = new('p', 40_000);

    private readonly TempDirectory _temp = new("clk-");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Answers => new()
    {
        // Only "message" is shown; "cause" is engine text nobody vetted.
        $"HTTP/1.1 500 Error\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{{\"message\":\"volume plugin failed\",\"cause\":\"{Padding}{Marker}{Padding}\"}}",
        // The status line is quoted whole by Docker.DotNet's HTTP client.
        $"HTTP/1.1 2OO {Padding}{Marker}{Padding}\r\nContent-Length: 0\r\n\r\n",
        // So is a chunk header.
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz{Padding}{Marker}{Padding}\r\n",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_volume_alias_failure_carries_no_unvetted_engine_text_in_its_inner_exceptions(string answer)
    {
        await using var fake = new HostileEngine(_temp.Combine("e.sock"), "GET /volumes/", (f, s) => f.SendAsync(s, answer));
        var context = new FakeCakeContext(new FakeCakeEnvironment(System.IO.Path.GetTempPath()));
        var settings = new ClawkerVolumeSettings { DockerHost = fake.Host, ConnectTimeout = HostileOutcome.Timeout, RequestTimeout = HostileOutcome.Timeout };

        var failure = await Task.Run(() => Should.Throw<CakeException>(() => context.ClawkerEnsureVolume("cache", settings)), TestContext.Current.CancellationToken);

        failure.Message.ShouldMatch("^CLAWKER20[0-9]{2}: ");
        var shown = failure.ToString(); // as Cake prints a failure at Diagnostic
        TestContext.Current.TestOutputHelper?.WriteLine(shown.Length > 3000 ? shown[..3000] + "..." : shown);
        shown.ShouldNotContain(Marker);
        shown.ShouldNotContain(new string('p', 1000));
    }
}
