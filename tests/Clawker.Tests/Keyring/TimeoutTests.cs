using System.Runtime.InteropServices;
using Clawker.Keyring.Backends;

namespace Clawker.Tests.Keyring;

public class TimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);
    // "Bounded": far under the backend's 30 s, with room for a loaded machine. The tight figure
    // (timeout overshoot, target < 100 ms) is measured by benchmarks/keyring-timeouts.sh.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [DllImport("libc", EntryPoint = "sleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // the test project does not allow unsafe code, which LibraryImport needs
    private static extern uint NativeSleep(uint seconds);
#pragma warning restore SYSLIB1054

    /// <summary>A backend stuck inside native code (libc sleep), which no managed cancellation can interrupt.</summary>
    private sealed class StuckInNativeCode : IKeyringBackend
    {
        public KeyringBackendKind Kind => KeyringBackendKind.InMemory;

        public string Describe(string service, string user) => $"stuck backend (service '{service}', user '{user}')";

        public string? Get(string service, string user, CancellationToken cancellationToken)
        {
            _ = NativeSleep(30);
            return "late";
        }

        public void Set(string service, string user, string secret, CancellationToken cancellationToken) => _ = NativeSleep(30);

        public bool Delete(string service, string user, CancellationToken cancellationToken)
        {
            _ = NativeSleep(30);
            return true;
        }
    }

    /// <summary>A backend that honours cancellation late: it throws when the timed-out call cancels it.</summary>
    private sealed class EndsAtTheCancel : IKeyringBackend
    {
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The worker thread the call ran on: joined, it has handed its exception over.</summary>
        public Thread? Worker { get; private set; }

        public KeyringBackendKind Kind => KeyringBackendKind.InMemory;

        public string Describe(string service, string user) => $"slow backend (service '{service}', user '{user}')";

        public string? Get(string service, string user, CancellationToken cancellationToken)
        {
            Worker = Thread.CurrentThread;
            try
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                cancellationToken.ThrowIfCancellationRequested();
                return "late";
            }
            finally
            {
                Ended.TrySetResult();
            }
        }

        public void Set(string service, string user, string secret, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool Delete(string service, string user, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_backend_stuck_in_native_code_gives_Timeout_after_the_timeout_not_after_the_backend()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses libc sleep");
        var keyring = new TimedKeyring(new StuckInNativeCode(), Timeout);

        foreach (var call in new Func<Task>[]
        {
            () => keyring.GetAsync("svc", "usr"),
            () => keyring.SetAsync("svc", "usr", "secret"),
            () => keyring.DeleteAsync("svc", "usr"),
        })
        {
            var clock = Stopwatch.StartNew();
            var error = await Should.ThrowAsync<CredentialException>(call).OfKind(CredentialErrorKind.Timeout);
            clock.Stop();

            error.Kind.ShouldBe(CredentialErrorKind.Timeout);
            error.Message.ShouldContain("300 ms");
            error.Message.ShouldContain(KeyringOptions.TimeoutVariable);
            clock.Elapsed.ShouldBeGreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(20));
            clock.Elapsed.ShouldBeLessThan(Timeout + Slack);
        }
    }

    [Fact]
    public async Task A_call_abandoned_at_its_timeout_that_then_throws_leaves_no_unobserved_exception()
    {
        using var unobserved = new UnobservedTaskExceptions();
        var backend = new EndsAtTheCancel();
        var keyring = new TimedKeyring(backend, Timeout);

        await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("svc", "usr")).OfKind(CredentialErrorKind.Timeout);
        await backend.Ended.Task.WaitAsync(Slack, TestContext.Current.CancellationToken);
        backend.Worker.ShouldNotBeNull().Join(Slack).ShouldBeTrue("the worker thread ended"); // it faults the call's task before it ends

        unobserved.FromClawker().ShouldBeEmpty(unobserved.ToString());
    }

    [Fact]
    public async Task Cancelling_the_caller_ends_the_wait_with_cancellation_not_timeout()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses libc sleep");
        var keyring = new TimedKeyring(new StuckInNativeCode(), TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<OperationCanceledException>(() => keyring.GetAsync("svc", "usr", cancel.Token));
    }

    [Fact]
    public async Task A_backend_that_answers_in_time_is_not_cut_off()
    {
        var keyring = Keyrings.Create(new KeyringOptions { Backend = "none" });
        (await Should.ThrowAsync<CredentialException>(() => keyring.GetAsync("svc", "usr")).OfKind(CredentialErrorKind.Unavailable)).Message.ShouldContain("CLAWKER_KEYRING=none");
    }
}
