using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Clawker.Diagnostics;
using Clawker.MSBuild.Tasks;
using Microsoft.Build.Framework;

namespace Clawker.MSBuild.TaskHost;

/// <summary>
/// Runs a task in clawker-taskhost, the same task compiled with Native AOT and packed for the
/// platforms it was built on (<c>tasks/net8.0/native/&lt;rid&gt;/</c>), and replays its log and
/// outputs here. A fresh <c>dotnet run</c> then pays no JIT for the library, Docker.DotNet and the
/// HTTP stack (about 250 ms of CPU on the pre-run hook). Where there is no host for the platform,
/// or it cannot start or gives no whole reply, the task runs in MSBuild as before: same messages,
/// codes and outputs. The host's stdin stays open while it runs: closing it (a cancelled build,
/// or this process gone) cancels the task there, so its ssh connections end as they would here.
/// </summary>
internal static class NativeTaskHost
{
    /// <summary>The file name of the host executable.</summary>
    public const string FileName = "clawker-taskhost";

    // A request is a few hundred bytes; one far larger (a property gone wrong) runs in MSBuild, where
    // nothing has to carry it, rather than make the host read it line by line.
    private const int MaxRequestChars = 32 * 1024;

    /// <summary>The host for this platform beside the task assembly, or null (none packed, or a platform it cannot run on).</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Empty inside the native host itself, which so never starts another.")]
    public static string? Find(string? tasksDirectory = null)
    {
        // Only glibc Linux on x64 is built today (musl and other systems have their own RIDs).
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64
            || RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var directory = tasksDirectory ?? Path.GetDirectoryName(typeof(NativeTaskHost).Assembly.Location);
        if (string.IsNullOrEmpty(directory))
        {
            return null;
        }

        var path = Path.Combine(directory, "native", "linux-x64", FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Runs <paramref name="task"/> in the host at <paramref name="hostPath"/>; true when its whole
    /// reply was replayed, false (with a low-importance message saying why) when the task must run here.
    /// </summary>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    public static bool TryRun(ClawkerTask task, string hostPath, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var request = Request(task);
        var reply = request.Length > MaxRequestChars
            ? new Reply(null, false, "was not asked: the task's parameters are too long for its request")
            : Exchange(task, hostPath, request, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (reply.Records is not null)
        {
            Replay(task, reply.Records);
            task.Log.LogMessage(MessageImportance.Low, "Clawker: {0} ran in the native task host {1} ({2} ms).",
                task.GetType().Name, hostPath, watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture));
            return true;
        }

        if (!reply.Accepted)
        {
            task.Log.LogMessage(MessageImportance.Low, "Clawker: {0} runs in MSBuild: the native task host {1} {2}.", task.GetType().Name, hostPath, reply.Failure);
            return false;
        }

        // It took the task and may have done part of it: running it again here could repeat that work.
        task.Log.LogError(ClawkerTask.Subcategory, ErrorCodes.NativeTaskHostFailed, null, null, 0, 0, 0, 0,
            "The native task host {0} took {1} and {2}. Run again; if it persists, set ClawkerNativeTaskHost=false to run the task in MSBuild, and report it with this line.",
            hostPath, task.GetType().Name, reply.Failure);
        return true;
    }

    // The host's records up to R (null when there is none), whether it took the task (A), and why there is no whole reply.
    private sealed record Reply(List<string[]>? Records, bool Accepted, string Failure);

    /// <summary>The request: header, task name, each set input, and an empty line.</summary>
    internal static string Request(ClawkerTask task)
    {
        var request = new StringBuilder(TaskHostProtocol.Line(TaskHostProtocol.Header));
        request.Append(TaskHostProtocol.Line(task.GetType().Name));
        foreach (var property in TaskHostProtocol.Inputs(task.GetType()))
        {
            var value = property.GetValue(task);
            if (value is not null && property.Name != TaskHostProtocol.NotSent)
            {
                request.Append(TaskHostProtocol.Line(property.Name, value is bool flag ? (flag ? "true" : "false") : (string)value));
            }
        }

        return request.Append('\n').ToString();
    }

    private static Reply Exchange(ClawkerTask task, string hostPath, string request, CancellationToken cancellationToken)
    {
        // The host runs in this process's current folder and environment, as the task would here.
        var start = new ProcessStartInfo(hostPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return new Reply(null, false, $"could not start ({ex.GetType().Name})");
        }

        using (process)
        using (var input = new HostInput(process, Grace(task)))
        {
            // stderr is drained, bounded by nothing held, and never logged: the task's own log is the only text that crosses.
            // Its own thread of blocking reads, on the pipes as plain files (PipeFile says why).
            new Thread(static error => Drain((PipeFile)error!)) { IsBackground = true, Name = "clawker-taskhost stderr" }
                .Start(new PipeFile(process.StandardError.BaseStream, FileAccess.Read));
            using var stop = cancellationToken.Register(input.Cancel);
            input.Write(request);
            Reply reply;
            using (var output = new PipeFile(process.StandardOutput.BaseStream, FileAccess.Read))
            using (var reader = new StreamReader(output.Stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false))
            {
                reply = Read(reader);
            }

            // Done or broken: closing stdin ends a host still running; one that does not end is killed.
            input.Close();
            if (!process.WaitForExit(input.Grace))
            {
                input.Kill();
            }

            // Bounded: what a broken host started may hold its pipes open after it was killed.
            var exited = process.WaitForExit(input.Grace);
            if (reply.Records is null && reply.Failure.Length == 0)
            {
                reply = reply with
                {
                    Failure = exited
                        ? $"ended (exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}) without a whole reply"
                        : "ended its output without a whole reply",
                };
            }

            return reply;
        }
    }

    private static void Drain(PipeFile error)
    {
        using (error)
        {
            try
            {
                error.Stream.CopyTo(Stream.Null);
            }
#pragma warning disable CA1031 // on its own thread an exception would end MSBuild: the pipe broke, nothing to report
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    // Records until R. Failure is empty when the stream just ended (the exit code says more).
    private static Reply Read(StreamReader output)
    {
        var records = new List<string[]>();
        var accepted = false;
        var failed = false;
        var line = new StringBuilder();
        var buffer = new char[4096];
        long total = 0;
        int read;
        while ((read = output.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > TaskHostProtocol.MaxReplyChars)
            {
                return new Reply(null, accepted, "replied more than a task's log can be");
            }

            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    line.Append(buffer[i]);
                    continue;
                }

                var fields = TaskHostProtocol.Fields(line.ToString());
                line.Clear();
                switch (fields)
                {
                    case ["A"] when !accepted:
                        accepted = true;
                        continue;
                    case ["R", "1"] when accepted:
                        return new Reply(records, true, string.Empty);
                    case ["R", "0"] when accepted && failed:
                        return new Reply(records, true, string.Empty);
                    case ["R", "0"] when accepted:
                        return new Reply(null, true, "reported a failure without an error");
                    case var _ when accepted && Valid(fields):
                        failed |= fields[0] == "E";
                        records.Add(fields);
                        continue;
                    default:
                        return new Reply(null, accepted, "replied with a record it should not send");
                }
            }
        }

        return new Reply(null, accepted, string.Empty);
    }

    // A cancelled host finishes its cleanup (a helper container removed, an ssh connection ended),
    // bounded by the request timeout, before it is killed.
    private static TimeSpan Grace(ClawkerTask task)
    {
        var request = TimeSpan.FromSeconds(30);
        try
        {
            request = task is EngineTask engine ? ClawkerSettingParser.Milliseconds(SettingKeys.RequestTimeout, engine.RequestTimeout) ?? request : request;
        }
        catch (ClawkerSettingException)
        {
            // The host refuses it at once, with the task's own error.
        }

        return KillGrace ?? request + TimeSpan.FromSeconds(5);
    }

    /// <summary>Tests: how long a cancelled or finished host has to end before it is killed (default: the request timeout + 5 s).</summary>
    internal static TimeSpan? KillGrace { get; set; }

    private static bool Valid(string[] fields) => fields[0] switch
    {
        "E" or "W" => fields.Length == 4,
        "M" => fields.Length == 3 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var importance) && importance is >= 0 and <= 2,
        "O" => fields.Length == 3,
        _ => false,
    };

    // The host's log as this task's own: the same calls the task makes in MSBuild (the location is the task's).
    private static void Replay(ClawkerTask task, List<string[]> records)
    {
        var outputs = TaskHostProtocol.Outputs(task.GetType()).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var record in records)
        {
            switch (record[0])
            {
                case "E":
                    task.Log.LogError(record[1], record[2], null, null, 0, 0, 0, 0, "{0}", record[3]);
                    break;
                case "W":
                    task.Log.LogWarning(record[1], record[2], null, null, 0, 0, 0, 0, "{0}", record[3]);
                    break;
                case "M":
                    task.Log.LogMessage((MessageImportance)int.Parse(record[1], CultureInfo.InvariantCulture), "{0}", record[2]);
                    break;
                default:
                    // An output the task does not have is not set (hosts are built with their task assembly).
                    if (outputs.TryGetValue(record[1], out var output))
                    {
                        output.SetValue(task, record[2]);
                    }

                    break;
            }
        }
    }

    // The host's stdin (closed once, from either thread) and the kill a cancelled host gets when it does not end in time.
    private sealed class HostInput(Process process, TimeSpan grace) : IDisposable
    {
        private readonly object _gate = new();
        private readonly PipeFile _stdin = new(process.StandardInput.BaseStream, FileAccess.Write);
        private bool _closed;
        private bool _writing;
        private Timer? _deadline;

        public TimeSpan Grace => grace;

        // Not under the lock, so a Cancel never waits on a host that does not read; a Close meanwhile lets the
        // pipe go only when the write has returned (the kill ends a blocked one), never under it.
        public void Write(string request)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _writing = true;
            }

            try
            {
                _stdin.Stream.Write(new UTF8Encoding(false).GetBytes(request));
            }
            catch (IOException)
            {
                // The host is gone: the reply says so.
            }
            finally
            {
                lock (_gate)
                {
                    _writing = false;
                    if (_closed)
                    {
                        Release();
                    }
                }
            }
        }

        public void Cancel()
        {
            Close();
            lock (_gate)
            {
                _deadline ??= new Timer(_ => Kill(), null, grace, Timeout.InfiniteTimeSpan);
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                if (!_writing)
                {
                    Release();
                }
            }
        }

        // Both go: the descriptor closes once neither holds it, and the host reads the end of its input.
        private void Release()
        {
            _stdin.Dispose();
            try
            {
                process.StandardInput.Close();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
            }
        }

        public void Kill()
        {
            try
            {
                // The tree: a broken host's children would keep its pipes open.
                process.Kill(entireProcessTree: true);
            }
#pragma warning disable CA1031 // on the timer's thread an exception would end MSBuild: ended, disposed, or not ours to kill (EPERM)
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        public void Dispose()
        {
            Close();
            lock (_gate)
            {
                _deadline?.Dispose();
                _deadline = null;
            }
        }
    }
}
