using System.Globalization;
using Clawker.Diagnostics;
using Clawker.Keyring;

namespace Clawker.GlobalsLogin;

/// <summary>What <see cref="GlobalsLoginCheck"/> found. Safe to print: nothing in it holds a token.</summary>
public sealed class GlobalsLoginReport
{
    internal GlobalsLoginReport(string volumeName, GlobalsLoginOutcome outcome) => (VolumeName, Outcome) = (volumeName, outcome);

    /// <summary>The volume, <c>clawker-globals</c>.</summary>
    public string VolumeName { get; }

    /// <summary>Where the login was read: <c>volume clawker-globals</c>.</summary>
    public string Source => $"volume {VolumeName}";

    /// <summary>What was found, or done.</summary>
    public GlobalsLoginOutcome Outcome { get; }

    /// <summary>The login on the volume as checked (found or seeded); <see langword="null"/> otherwise.</summary>
    public CredentialCheckResult? Login { get; internal init; }

    /// <summary>Findings that did not fail, classified: CLAWKER1005, 1008, 1021, 1022, or CLAWKER2001 under a tolerant policy.</summary>
    public IReadOnlyList<ClawkerFinding> Findings { get; internal init; } = [];

    /// <summary>
    /// When the verdict comes from <see cref="GlobalsLoginOptions.RecordFile"/> (the volume was not
    /// read this time): when it was reached. <see cref="Login"/> is then <see langword="null"/>.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; internal init; }

    /// <summary>Informational lines, for example that the first agent will ask for /login.</summary>
    public IReadOnlyList<string> Notes { get; internal init; } = [];

    /// <summary>The same report with other findings and notes (nothing else is lost).</summary>
    internal GlobalsLoginReport With(IReadOnlyList<ClawkerFinding> findings, IReadOnlyList<string> notes) =>
        new(VolumeName, Outcome) { Login = Login, RecordedAt = RecordedAt, Findings = findings, Notes = notes };

    /// <summary>One line without tokens.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Outcome switch
    {
        GlobalsLoginOutcome.LoginFound when Login is null => string.Create(CultureInfo.InvariantCulture, $"the login in {Source} passed its check at {RecordedAt?.ToUniversalTime():yyyy-MM-dd HH:mm} UTC (recorded)"),
        GlobalsLoginOutcome.LoginFound or GlobalsLoginOutcome.Seeded => $"{(Outcome == GlobalsLoginOutcome.Seeded ? "seeded " : string.Empty)}{Login}",
        GlobalsLoginOutcome.NoLogin => $"no login in {Source}: the first agent will ask for /login",
        GlobalsLoginOutcome.NoVolume => $"{Source} does not exist yet",
        _ => $"{Source} not checked: no Docker engine answered",
    };
}
