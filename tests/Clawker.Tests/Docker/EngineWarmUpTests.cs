using System.Diagnostics;
using Clawker.Docker;

namespace Clawker.Tests.Docker;

/// <summary>
/// The head start of a remote connect (EngineWarmUp): it really runs Docker.DotNet's requests on
/// its canned answers (else it would silently warm nothing), in memory and in bounded time, and
/// never surfaces an exception, also when started again and again.
/// </summary>
public sealed class EngineWarmUpTests
{
    [Fact]
    public async Task The_canned_requests_are_answered_and_read_in_memory_in_bounded_time()
    {
        var clock = Stopwatch.StartNew();

        (await EngineWarmUp.WarmAsync()).ShouldBeTrue();
        (await EngineWarmUp.WarmAsync()).ShouldBeTrue("a second run in the same process works as well");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Starting_it_many_times_at_once_starts_one_warm_up_that_ends_without_an_exception()
    {
        using var unobserved = new UnobservedTaskExceptions();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(EngineWarmUp.StartWithSystemStore)));
        var running = EngineWarmUp.Running.ShouldNotBeNull();
        await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        running.IsCompletedSuccessfully.ShouldBeTrue();
        EngineWarmUp.Running.ShouldBeSameAs(running);
        unobserved.FromClawker().ShouldBeEmpty(unobserved.ToString());
    }
}
