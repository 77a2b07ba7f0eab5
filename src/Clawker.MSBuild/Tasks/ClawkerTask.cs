using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Clawker.Bundling;
using Clawker.Diagnostics;
using Clawker.MSBuild.TaskHost;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Clawker.MSBuild.Tasks;

/// <summary>
/// Base of the Clawker tasks: runs the library call, turns a <see cref="ClawkerException"/>
/// into one MSBuild error carrying the exception's stable code (<c>error CLAWKER2001: ...</c>)
/// and any other exception into CLAWKER9001 (type only, no stack trace), and cancels the library call when the build is cancelled (Ctrl+C).
/// </summary>
// Public properties kept for every task type: the native task host sets inputs and reads outputs by name.
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
public abstract class ClawkerTask : Task, ICancelableTask
{
    /// <summary>Only this assembly's tasks derive from it.</summary>
    private protected ClawkerTask()
    {
    }

    /// <summary>The subcategory every Clawker diagnostic carries.</summary>
    public const string Subcategory = "Clawker";

    private readonly object _gate = new();

    /// <summary>The policies the task's properties chose; the library classifies every coded failure against them.</summary>
    private protected ClawkerPolicies Policies { get; set; } = ClawkerPolicies.Default;
    private CancellationTokenSource? _running;
    private bool _cancelled;
    private volatile bool _interrupted;

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

        // A host that keeps Ctrl+C (cancels SIGINT) without cancelling the build would otherwise wait out
        // the task's timeout. The handler never cancels the signal itself: where nothing else does (the
        // dotnet CLI's pre-run step, a worker node), SIGINT still ends the process as the user meant.
        // Under `dotnet build` MSBuild cancels the task itself too; a second Cancel changes nothing.
        using var interrupt = OnInterrupt(() =>
        {
            _interrupted = true;
            Cancel();
        });
        try
        {
            // The dotnet run hook's tasks run in the native task host where one is packed for this platform.
            if (!(RunsInNativeTaskHost && FindNativeTaskHost() is { } host && NativeTaskHost.TryRun(this, host, cancellation.Token)))
            {
                Run(cancellation.Token);
            }
        }
        catch (ClawkerSettingException ex)
        {
            var property = SettingNames.Property(ex.Key);
            Relay(new ClawkerFinding(ClawkerPolicy.Error, ex.Code, ex.MessageFor(
                $"MSBuild property {property}", $"Fix it in the project file or on the command line (-p:{property}=...).")));
        }
        catch (BundleException ex) when (ex.Key is not null)
        {
            // A setting is named as MSBuild spells it (ClawkerAgentUid, not the library's Uid).
            Relay(new ClawkerFinding(ClawkerPolicy.Error, ex.Code, ex.MessageFor(SettingNames.Property(ex.Key))));
        }
        catch (Clawker.Images.ImageBuildException ex) when (ex.Option is not null)
        {
            Relay(new ClawkerFinding(ClawkerPolicy.Error, ex.Code, $"{ex.Message} In MSBuild that is {SettingNames.Property(ex.Option)}."));
        }
        catch (ClawkerException ex)
        {
            // An unreachable engine under policy Warning ends the task with a warning, not an error.
            Relay(Policies.Classify(ex));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && _interrupted)
        {
            // A build that MSBuild itself cancels needs no error; dotnet run's does (else MSB4181).
            Relay(new ClawkerFinding(ClawkerPolicy.Error, ErrorCodes.BuildInterrupted,
                $"{GetType().Name} was interrupted (Ctrl+C) before it finished; its work was cancelled. Run again to complete it."));
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
            Relay(new ClawkerFinding(ClawkerPolicy.Error, unexpected.Code, unexpected.Message));
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

    /// <summary>Tests: where the native task host is (default: beside the task assembly, for this platform).</summary>
    internal Func<string?> FindNativeTaskHost { get; set; } = static () => NativeTaskHost.Find();

    /// <summary>True for a task that asks to run in clawker-taskhost (<c>ClawkerNativeTaskHost</c>); off by default.</summary>
    private protected virtual bool RunsInNativeTaskHost => false;

    /// <summary>The task's work: call the library, set the outputs, log what happened.</summary>
    /// <param name="cancellationToken">Cancelled when the build is.</param>
    private protected abstract void Run(CancellationToken cancellationToken);

    /// <summary>Relays a classified finding: an error, a warning, or (Ignore) a low-importance message.</summary>
    /// <param name="finding">The finding; its message is logged verbatim (never used as a format string).</param>
    private protected void Relay(ClawkerFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        switch (finding.Policy)
        {
            case ClawkerPolicy.Error:
                Log.LogError(Subcategory, finding.Code, null, null, 0, 0, 0, 0, "{0}", finding.Message);
                break;
            case ClawkerPolicy.Warning:
                Log.LogWarning(Subcategory, finding.Code, null, null, 0, 0, 0, 0, "{0}", finding.Message);
                break;
            default:
                Log.LogMessage(MessageImportance.Low, "{0} (ignored by policy): {1}", finding.Code, finding.Message);
                break;
        }
    }

    // Null where the platform has no such signal: the task then runs without the handler, never fails for it.
    private static PosixSignalRegistration? OnInterrupt(Action interrupted)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => interrupted());
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
