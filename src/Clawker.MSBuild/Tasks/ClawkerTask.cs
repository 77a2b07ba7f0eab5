using Clawker.Diagnostics;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Base of the Clawker tasks: runs the library call, turns a <see cref="ClawkerException"/>
/// into one MSBuild error carrying the exception's stable code (<c>error CLAWKER2001: ...</c>)
/// and any other exception into CLAWKER9001 (type only, no stack trace), and cancels the library call when the build is cancelled (Ctrl+C).
/// </summary>
public abstract class ClawkerTask : Task, ICancelableTask
{
    /// <summary>The subcategory every Clawker diagnostic carries.</summary>
    public const string Subcategory = "Clawker";

    private readonly object _gate = new();
    private CancellationTokenSource? _running;
    private bool _cancelled;

    /// <summary>Called by MSBuild when the build is cancelled (possibly from another thread).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _cancelled = true;
            _running?.Cancel();
        }
    }

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        using var cancellation = new CancellationTokenSource();
        lock (_gate)
        {
            if (_cancelled)
            {
                return false;
            }

            _running = cancellation;
        }

        try
        {
            Run(cancellation.Token);
        }
        catch (ClawkerException ex)
        {
            LogDiagnostic(DiagnosticLevel.Error, ex.Code, ex.Message + SurfaceAdvice.For(ex));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "{0} cancelled.", GetType().Name);
            return false;
        }
        catch (Exception ex)
        {
            // Last resort: one coded error, never MSB4018 and its stack trace (nor the exception's text).
            var unexpected = UnexpectedFailureException.From(ex, GetType().Name);
            LogDiagnostic(DiagnosticLevel.Error, unexpected.Code, unexpected.Message);
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work: call the library, set the outputs, log what happened.</summary>
    /// <param name="cancellationToken">Cancelled when the build is.</param>
    protected abstract void Run(CancellationToken cancellationToken);

    /// <summary>Logs a coded warning or error (or nothing, for <see cref="DiagnosticLevel.Ignore"/>).</summary>
    /// <param name="level">How to report it.</param>
    /// <param name="code">A code from <see cref="ErrorCodes"/>.</param>
    /// <param name="message">The message, logged verbatim (never used as a format string).</param>
    protected void LogDiagnostic(DiagnosticLevel level, string code, string message)
    {
        switch (level)
        {
            case DiagnosticLevel.Error:
                Log.LogError(Subcategory, code, null, null, 0, 0, 0, 0, "{0}", message);
                break;
            case DiagnosticLevel.Warning:
                Log.LogWarning(Subcategory, code, null, null, 0, 0, 0, 0, "{0}", message);
                break;
            default:
                Log.LogMessage(MessageImportance.Low, "{0} (ignored by policy): {1}", code, message);
                break;
        }
    }
}
