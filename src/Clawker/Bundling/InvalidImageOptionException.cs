using Clawker.Diagnostics;

namespace Clawker.Bundling;

/// <summary><c>CLAWKER3002</c>: an image or bundle option is invalid.</summary>
public sealed class InvalidImageOptionException : ClawkerException
{
    /// <summary>Creates the error for <paramref name="option"/>.</summary>
    /// <param name="option">The option's name as the user wrote it, for example <c>Uid</c>.</param>
    /// <param name="message">What was wrong and the accepted values.</param>
    public InvalidImageOptionException(string option, string message)
        : base(ErrorCodes.InvalidImageOption, $"Invalid image option {option}: {message}")
    {
        Option = option;
    }

    /// <summary>The option that was rejected.</summary>
    public string Option { get; }
}
