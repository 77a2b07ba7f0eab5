using System.Collections.Concurrent;
using Clawker.Keyring.Backends;

namespace Clawker.Tests.Keyring;

/// <summary>
/// The Secret Service connection pool's lifetime rules, with fake handles standing in for GIO
/// connections: a connection is freed once, and never while a call (even an abandoned one) holds it.
/// </summary>
public class ConnectionPoolTests
{
    private sealed class FakeGio
    {
        private long _next;

        public ConcurrentDictionary<nint, bool> Live { get; } = new();

        public ConcurrentBag<nint> Freed { get; } = [];

        public ConcurrentDictionary<nint, bool> Closed { get; } = new();

        public int Opened => (int)Interlocked.Read(ref _next);

        public ConnectionPool Pool() => new(
            handle => Live.ContainsKey(handle) ? Closed.ContainsKey(handle) : throw new InvalidOperationException($"use after free of {handle}"),
            handle =>
            {
                if (!Live.TryRemove(handle, out _))
                {
                    throw new InvalidOperationException($"double free of {handle}");
                }

                Freed.Add(handle);
            });

        public (nint, string) Open()
        {
            var handle = (nint)Interlocked.Increment(ref _next);
            Live[handle] = true;
            return (handle, $"/session/{handle}");
        }
    }

    [Fact]
    public void One_connection_per_address_is_reused()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();

        var first = pool.Lease("bus-a", gio.Open);
        var second = pool.Lease("bus-a", gio.Open);
        var other = pool.Lease("bus-b", gio.Open);

        second.ShouldBeSameAs(first);
        other.ShouldNotBeSameAs(first);
        gio.Opened.ShouldBe(2);
    }

    [Fact]
    public void An_evicted_connection_stays_alive_until_the_last_call_holding_it_lets_go()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();
        var abandoned = pool.Lease("bus", gio.Open); // a call the caller gave up on, still running
        var failing = pool.Lease("bus", gio.Open);

        failing.Evict(); // a bus error on another call
        failing.Release();
        gio.Freed.ShouldBeEmpty();
        gio.Live.ContainsKey(abandoned.Handle).ShouldBeTrue();

        var next = pool.Lease("bus", gio.Open);
        next.ShouldNotBeSameAs(abandoned); // evicted: not handed out again

        abandoned.Release();
        gio.Freed.ShouldBe([abandoned.Handle]);
        next.Release();
        gio.Freed.Count.ShouldBe(1); // the fresh one is still pooled
    }

    [Fact]
    public void A_late_eviction_of_a_stale_connection_leaves_its_replacement_pooled()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();
        var stale = pool.Lease("bus", gio.Open);
        stale.Evict();
        var fresh = pool.Lease("bus", gio.Open);

        stale.Evict(); // an abandoned call on the stale connection fails late
        stale.Release();

        pool.Lease("bus", gio.Open).ShouldBeSameAs(fresh);
        gio.Live.ContainsKey(fresh.Handle).ShouldBeTrue();
        gio.Opened.ShouldBe(2);
    }

    [Fact]
    public void A_closed_connection_is_replaced_and_freed_once_its_holders_let_go()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();
        var old = pool.Lease("bus", gio.Open);
        gio.Closed[old.Handle] = true;

        var fresh = pool.Lease("bus", gio.Open);

        fresh.ShouldNotBeSameAs(old);
        gio.Freed.ShouldBeEmpty();
        old.Release();
        gio.Freed.ShouldBe([old.Handle]);
    }

    [Fact]
    public void A_failed_connect_leaves_nothing_pooled()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();

        Should.Throw<TimeoutException>(() => pool.Lease("bus", () => throw new TimeoutException()));

        pool.Lease("bus", gio.Open).Handle.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_calls_evictions_and_reconnects_never_free_a_held_connection_nor_free_twice()
    {
        var gio = new FakeGio();
        var pool = gio.Pool();
        var start = new Barrier(4);
        var workers = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 20_000; i++)
                {
                    var lease = pool.Lease("bus", gio.Open);
                    gio.Live.ContainsKey(lease.Handle).ShouldBeTrue(); // "using" the connection
                    if ((i + w) % 7 == 0)
                    {
                        lease.Evict();
                    }

                    gio.Live.ContainsKey(lease.Handle).ShouldBeTrue();
                    lease.Release();
                }
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        await Task.WhenAll(workers);

        gio.Opened.ShouldBeGreaterThan(1); // evictions did force reconnects
        gio.Live.Count.ShouldBeLessThanOrEqualTo(1); // at most the pooled one is left (the last call may have evicted it)
        gio.Freed.Count.ShouldBe(gio.Opened - gio.Live.Count); // every other one freed, once
    }
}
