using Clawker.Diagnostics;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// <c>CLAWKER5002</c>: a Clawker MSBuild property (or item, or the environment variable behind
/// one) has a value the tasks cannot use.
/// </summary>
internal sealed class InvalidPropertyException : ClawkerException
{
    /// <summary>Creates the error for a property with an unusable value.</summary>
    /// <param name="property">The MSBuild property, for example <c>ClawkerCredentialNotFound</c>.</param>
    /// <param name="value">The value found (never a secret: these are settings).</param>
    /// <param name="accepted">The accepted values.</param>
    public InvalidPropertyException(string property, string value, string accepted)
        : this($"The MSBuild property {property} is '{value}'; it must be {accepted}. Fix it in the project file or on the command line (-p:{property}=...).")
    {
    }

    /// <summary>Creates the error with a complete message (what, where, how to fix).</summary>
    /// <param name="message">The message.</param>
    public InvalidPropertyException(string message)
        : base(ErrorCodes.InvalidBuildProperty, message)
    {
    }
}
