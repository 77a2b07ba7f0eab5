using System.Text.RegularExpressions;

namespace Clawker.Tests.Infrastructure;

/// <summary>
/// The cases a surface is driven through against <see cref="HostileEngine"/>, and what each must
/// show: one coded error (never uncoded, never CLAWKER9001: the library knows an engine's failures),
/// no stack trace, a short message, bounded time, and a huge body never read whole.
/// </summary>
internal static partial class HostileOutcome
{
    /// <summary>The connect and request timeout the surfaces are given.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Generous: the bound plus slack for a loaded 2-core machine.</summary>
    public static readonly TimeSpan TimeBound = Timeout + TimeSpan.FromSeconds(10);

    /// <summary>What the fake may send of its 100 MB body: the 64 KB read plus socket buffers, with room.</summary>
    public const long MaxBytesSent = 8L * 1024 * 1024;

    /// <summary>A logged failure longer than this is not "short".</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>The requests of ensuring a volume.</summary>
    public static readonly string[] VolumeTargets = ["GET /_ping", "GET /version", "GET /volumes/", "POST /volumes/create"];

    /// <summary>The requests of building an image (the tag call needs the image to exist).</summary>
    public static readonly string[] ImageTargets = ["GET /_ping", "GET /version", "GET /images/", "POST /images/", "POST /build"];

    public static TheoryData<string, Hostility> Cases(string[] targets)
    {
        var data = new TheoryData<string, Hostility>();
        foreach (var target in targets)
        {
            foreach (var hostility in Enum.GetValues<Hostility>())
            {
                data.Add(target, hostility);
            }
        }

        return data;
    }

    /// <summary>
    /// What a surface must shrug off: the tag call's answer body is never read, nor the ping's as
    /// JSON; and a ping that fails with a status (a proxy's error page) or does not name the engine
    /// leaves the decision to <c>/version</c>, which is healthy here. Only the body's size is bounded.
    /// </summary>
    public static bool BodyIgnored(string target, Hostility hostility) =>
        (target == "POST /images/" && hostility is Hostility.InvalidJson or Hostility.WrongTypes or Hostility.Null)
        || (target == "GET /_ping" && hostility is Hostility.InvalidJson or Hostility.WrongTypes or Hostility.Null or Hostility.HugeError);

    /// <param name="fake">The engine the surface was pointed at.</param>
    /// <param name="elapsed">How long the surface took.</param>
    /// <param name="succeeded">Whether it reported success.</param>
    /// <param name="errors">The errors it reported, each as <c>CODE: message</c>.</param>
    /// <param name="logged">Everything it logged or threw, as text.</param>
    public static void Check(HostileEngine fake, TimeSpan elapsed, bool succeeded, IReadOnlyList<string> errors, IEnumerable<string> logged)
    {
        fake.TargetHit.ShouldBeTrue($"the surface never sent {fake.Target} (requests: {string.Join(", ", fake.Requests)})");
        elapsed.ShouldBeLessThan(TimeBound);
        fake.BytesSent.ShouldBeLessThan(MaxBytesSent);
        foreach (var text in logged)
        {
            text.ShouldNotContain("MSB4018");
            StackFrame().IsMatch(text).ShouldBeFalse($"a stack trace was logged: {Cut(text)}");
            text.Length.ShouldBeLessThan(MaxMessageLength, $"a logged text is long: {Cut(text)}");
        }

        if (BodyIgnored(fake.Target, fake.Hostility))
        {
            succeeded.ShouldBeTrue($"garbage in a body never read failed the surface: {string.Join(" | ", errors.Select(Cut))}");
            errors.ShouldBeEmpty();
            return;
        }

        succeeded.ShouldBeFalse();
        var error = errors.ShouldHaveSingleItem();
        Coded().IsMatch(error).ShouldBeTrue($"not one of the engine's codes: {Cut(error)}");
    }

    private static string Cut(string text) => text.Length <= 600 ? text : text[..600] + "...";

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // Engine (2xxx) or image build (4xxx) codes; CLAWKER9001 would mean the library missed one.
    [GeneratedRegex(@"^CLAWKER[24]\d{3}: ")]
    private static partial Regex Coded();
}
