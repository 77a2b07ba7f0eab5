namespace Clawker.Cake.Diagnostics;

/// <summary>Relays the library's classified findings to a Cake script: fail, warn, or a verbose line.</summary>
internal static class CakeFindings
{
    /// <summary>Relays each finding, in order (<see cref="Relay"/>).</summary>
    public static void RelayAll(ICakeLog log, IEnumerable<ClawkerFinding> findings)
    {
        foreach (var finding in findings)
        {
            Relay(log, finding);
        }
    }

    /// <summary>Throws a coded <c>CakeException</c> for an error; logs a warning, or a verbose line for Ignore.</summary>
    public static void Relay(ICakeLog log, ClawkerFinding finding)
    {
        switch (finding.Policy)
        {
            case ClawkerPolicy.Error:
                throw CakeErrors.Coded(finding.Code, finding.Message);
            case ClawkerPolicy.Warning:
                log.Warning("{0}", finding);
                break;
            default:
                log.Verbose("{0}", finding);
                break;
        }
    }
}
