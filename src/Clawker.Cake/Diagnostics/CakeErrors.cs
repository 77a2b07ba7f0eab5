using Clawker.Bundling;

namespace Clawker.Cake.Diagnostics;

/// <summary>Turns the library's coded failures into what a Cake script sees.</summary>
internal static class CakeErrors
{
    /// <summary>
    /// A <see cref="CakeException"/> whose message starts with the code (<c>CLAWKER2001: ...</c>), the
    /// same text the MSBuild surface reports, with the library exception kept as the inner one.
    /// </summary>
    public static CakeException From(ClawkerException exception) => exception switch
    {
        BundleException { Key: { } key } invalid => new($"{invalid.Code}: {invalid.MessageFor(SettingNames.BundleSetting(key))}", exception),
        Clawker.Images.ImageBuildException { Option: { } option } input => new($"{input.CodedMessage} In Cake that is {SettingNames.BundleSetting(option)}.", exception),
        _ => new(exception.CodedMessage, exception),
    };

    /// <summary>
    /// CLAWKER9001 for an exception with no code (type and HResult only): no inner exception,
    /// so Cake's diagnostic output cannot print its text or stack.
    /// </summary>
    public static CakeException Unexpected(Exception exception, string alias) =>
        new(UnexpectedFailureException.From(exception, alias).CodedMessage);

    /// <summary>Whether <paramref name="exception"/> is one the aliases leave as it is: already coded, or a cancellation.</summary>
    public static bool IsUncoded(Exception exception) => exception is not (CakeException or OperationCanceledException);

    /// <summary>
    /// Runs an alias's library call: a coded failure becomes <see cref="From"/>, any other (but a cancellation)
    /// <see cref="Unexpected"/>. With <paramref name="settingsClass"/>, a malformed setting the library found
    /// (CLAWKER5002) is named as Cake spells it, for example <c>ClawkerImagePushSettings.Registry</c>.
    /// </summary>
    public static T Run<T>(Func<T> call, string alias, string? settingsClass = null)
    {
        try
        {
            return call();
        }
        catch (ClawkerSettingException invalid) when (settingsClass is not null)
        {
            throw Coded(invalid.Code, invalid.MessageFor($"{settingsClass}.{invalid.Key}", null));
        }
        catch (ClawkerException failure)
        {
            throw From(failure);
        }
        catch (Exception unexpected) when (IsUncoded(unexpected))
        {
            throw Unexpected(unexpected, alias);
        }
    }

    /// <summary>
    /// The bundle an image alias needs. Its absence is a script error, but one a user meets (a target run
    /// without its bundling dependency): coded like every failure.
    /// </summary>
    public static Clawker.Cake.Bundling.ClawkerBundleResult RequireBundle(Clawker.Cake.Bundling.ClawkerBundleResult? bundle, string settingsName) =>
        bundle ?? throw Coded(
            ErrorCodes.InvalidImageOption,
            $"{settingsName}.Bundle is not set: pass the result of ClawkerBundleImage (run the bundling task first).");

    /// <summary>A failure the addin itself detects, with the code it belongs to.</summary>
    public static CakeException Coded(string code, string message) => new($"{code}: {message}");
}
