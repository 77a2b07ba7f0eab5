using System.Globalization;

namespace Clawker.Diagnostics;

/// <summary>
/// CLAWKER9001: a failure Clawker has no code for (a bug, or a case it does not know yet), as the
/// MSBuild tasks and Cake aliases report it instead of a stack trace. The message names the
/// exception's type and HResult only: an exception's own message may quote file or engine
/// content (a secret, a huge body), so it is never shown. The original is
/// <see cref="Exception.InnerException"/> for programmatic callers; surfaces do not print it.
/// </summary>
public sealed class UnexpectedFailureException : ClawkerException
{
    private UnexpectedFailureException(string message, Exception failure)
        : base(ErrorCodes.UnexpectedFailure, message, failure)
    {
        FailureType = failure.GetType().FullName ?? failure.GetType().Name;
    }

    /// <summary>The full name of the exception type that was not coded, for example <c>System.NullReferenceException</c>.</summary>
    public string FailureType { get; }

    /// <summary>Wraps <paramref name="failure"/>, which happened in <paramref name="operation"/>.</summary>
    /// <param name="failure">The uncoded exception.</param>
    /// <param name="operation">What was running, for example <c>EnsureClawkerGlobalsVolume</c> or <c>ClawkerBuildImage</c>.</param>
    /// <returns>The coded exception; its message carries no text of <paramref name="failure"/>.</returns>
    public static UnexpectedFailureException From(Exception failure, string operation)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        var type = failure.GetType().FullName ?? failure.GetType().Name;
        var hresult = failure.HResult.ToString("X8", CultureInfo.InvariantCulture);
        var message =
            $"{operation} failed unexpectedly: {type} (HResult 0x{hresult}); its message is not shown because it may quote file or engine content. " +
            "Check the inputs this step reads (Docker engine and its address, docker config, bundle folders, credentials) and retry; " +
            "if it persists, report it to Clawker with this line and what the step was pointed at.";
        return new UnexpectedFailureException(message, failure);
    }
}
