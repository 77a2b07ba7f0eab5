namespace Clawker.Diagnostics;

/// <summary>
/// Base of every user-facing failure in Clawker. Each carries a stable code (see
/// <see cref="ErrorCodes"/> and docs/errors.md) so the MSBuild and Cake surfaces report the
/// same failure the same way. Messages say what was wrong, where, and how to fix it, and
/// never contain secret material.
/// </summary>
public abstract class ClawkerException : Exception
{
    /// <summary>Creates the exception with its stable code and message.</summary>
    /// <param name="code">A code from <see cref="ErrorCodes"/>, for example <c>CLAWKER2001</c>.</param>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected ClawkerException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable error code, for example <c>CLAWKER2001</c>.</summary>
    public string Code { get; }

    /// <summary>The message prefixed with its code, as the build surfaces print it.</summary>
    public string CodedMessage => $"{Code}: {Message}";
}
