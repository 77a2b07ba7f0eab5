using Clawker.Diagnostics;

namespace Clawker.MSBuild.Tasks;

/// <summary><c>CLAWKER5002</c>: a Clawker MSBuild property has a value the tasks cannot use.</summary>
public sealed class InvalidPropertyException : ClawkerException
{
    /// <summary>Creates the error for <paramref name="property"/>.</summary>
    /// <param name="property">The MSBuild property, for example <c>ClawkerCredentialNotFound</c>.</param>
    /// <param name="value">The value found (never a secret: these are settings).</param>
    /// <param name="accepted">The accepted values.</param>
    public InvalidPropertyException(string property, string value, string accepted)
        : base(ErrorCodes.InvalidBuildProperty, $"The MSBuild property {property} is '{value}'; it must be {accepted}. Fix it in the project file or on the command line (-p:{property}=...).")
    {
        Property = property;
    }

    /// <summary>The MSBuild property that was rejected.</summary>
    public string Property { get; }
}
