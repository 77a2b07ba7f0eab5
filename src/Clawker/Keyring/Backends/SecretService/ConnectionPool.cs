using System.Collections.Concurrent;

namespace Clawker.Keyring.Backends;

/// <summary>
/// One bus connection (and the plain session opened on it) per bus address for the whole
/// process, so a Get costs a few round trips instead of a connect, an authentication and a
/// session.
/// <para>
/// Leases keep a native connection alive while any call may touch it - including a call
/// abandoned at the timeout and still running on its worker thread. The pool holds one lease,
/// each call takes another, and the native reference is dropped only when the last lease goes.
/// A connection evicted after a bus or service error is no longer handed out, but the calls
/// still holding it finish with a live handle. No lock is held while connecting: a connect that
/// hangs must not stall calls to other buses.
/// </para>
/// </summary>
internal sealed class ConnectionPool
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Func<nint, bool> _isClosed;
    private readonly Action<nint> _free;

    /// <param name="isClosed">Whether a native connection has closed (then it is replaced).</param>
    /// <param name="free">Drops the native connection; called once, after the last lease.</param>
    public ConnectionPool(Func<nint, bool> isClosed, Action<nint> free)
    {
        _isClosed = isClosed;
        _free = free;
    }

    /// <summary>The process's pool of GIO connections.</summary>
    public static ConnectionPool Shared { get; } = new(Gio.g_dbus_connection_is_closed, Gio.g_object_unref);

    /// <summary>
    /// A leased connection to <paramref name="address"/>: the pooled one while it is open, else a
    /// new one from <paramref name="open"/> (which owns and frees its handle when it throws).
    /// Release it exactly once.
    /// </summary>
    public Connection Lease(string address, Func<(nint Handle, string Session)> open)
    {
        while (true)
        {
            if (_connections.TryGetValue(address, out var pooled))
            {
                if (pooled.TryAcquire())
                {
                    if (!_isClosed(pooled.Handle))
                    {
                        return pooled;
                    }

                    pooled.Evict();
                    pooled.Release();
                }

                continue; // evicted meanwhile (a connection loses its last lease only after eviction)
            }

            var (handle, session) = open();
            var fresh = new Connection(this, address, handle, session);
            if (_connections.TryAdd(address, fresh))
            {
                return fresh;
            }

            // Another call connected first: drop ours (both its leases) and use theirs.
            fresh.Release();
            fresh.Release();
        }
    }

    /// <summary>A bus connection and its plain session, valid while its holder has a lease.</summary>
    internal sealed class Connection(ConnectionPool pool, string address, nint handle, string session)
    {
        private int _leases = 2; // the pool's and the first caller's

        public nint Handle { get; } = handle;

        public string Session { get; } = session;

        /// <summary>Stops handing this connection out (the bus or the daemon failed); leases already taken stay valid.</summary>
        public void Evict()
        {
            // Removes this very connection only: a late caller must not evict a fresh replacement.
            if (pool._connections.TryRemove(KeyValuePair.Create(address, this)))
            {
                Release(); // the pool's lease
            }
        }

        /// <summary>Gives a lease back; the last one frees the native connection.</summary>
        public void Release()
        {
            if (Interlocked.Decrement(ref _leases) == 0)
            {
                pool._free(Handle);
            }
        }

        /// <summary>Takes a lease unless the connection is already being freed.</summary>
        public bool TryAcquire()
        {
            var leases = Volatile.Read(ref _leases);
            while (leases > 0)
            {
                var seen = Interlocked.CompareExchange(ref _leases, leases + 1, leases);
                if (seen == leases)
                {
                    return true;
                }

                leases = seen;
            }

            return false;
        }
    }
}
