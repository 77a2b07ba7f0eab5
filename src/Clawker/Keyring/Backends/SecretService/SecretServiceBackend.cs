using System.Text;

namespace Clawker.Keyring.Backends;

/// <summary>
/// The freedesktop Secret Service, spoken over D-Bus through GIO (libgio-2.0.so.0), with items
/// go-keyring reads and writes: attributes <c>service</c>/<c>username</c>, label
/// "Password for 'USER' on 'SERVICE'", the <c>login</c> collection else the <c>default</c>
/// alias, plain session, store replaces.
/// <para>
/// Why GIO and not libsecret's own API: libsecret binds to the process's one session bus (so a
/// caller-given bus address cannot be honoured), lets D-Bus auto-start a daemon, and runs
/// unlock prompts. Here every call carries NO_AUTO_START, the connection is made to the address
/// the caller's environment names, the daemon must already own <c>org.freedesktop.secrets</c>,
/// and a locked item or collection whose unlock returns a prompt is reported as unavailable at
/// once (the prompt is dismissed, never shown).
/// </para>
/// </summary>
internal sealed class SecretServiceBackend : IKeyringBackend
{
    public const string BusAddressVariable = "DBUS_SESSION_BUS_ADDRESS";

    private const string BusName = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string PromptInterface = "org.freedesktop.Secret.Prompt";
    private const string LoginCollection = "/org/freedesktop/secrets/collection/login";
    private const string DefaultAlias = "/org/freedesktop/secrets/aliases/default";
    private const string NoPrompt = "/";

    private readonly string? _address;
    private readonly int _timeoutMs;

    public SecretServiceBackend(string? busAddress, TimeSpan timeout)
    {
        _address = string.IsNullOrWhiteSpace(busAddress) ? null : busAddress;
        // GIO's G_MAXINT is "no timeout": an infinite timeout (-1 ms) must not clamp to 1 ms.
        _timeoutMs = timeout == Timeout.InfiniteTimeSpan ? int.MaxValue : (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
    }

    public KeyringBackendKind Kind => KeyringBackendKind.SecretService;

    public string Describe(string service, string user) => $"Secret Service (service '{service}', user '{user}')";

    public string? Get(string service, string user, CancellationToken cancellationToken) => Read(service, user, cancellationToken)?.Secret;

    /// <summary>
    /// The matching item's secret. When several items match (another tool stored one with extra
    /// attributes, or in another collection), the most recently modified is used, because the
    /// search order is unspecified and the newest write is the login last refreshed; a note names them all.
    /// </summary>
    public KeyringItem? Read(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        using var connection = Connect(where, cancellationToken);
        var (items, passedOver) = FindReadableItems(connection, service, user, where);
        if (items.Count == 0)
        {
            return null;
        }

        var notes = new List<string>();
        var item = items[0];
        if (items.Count > 1)
        {
            var dated = items
                .Select(path => (Path: path, Modified: Modified(connection, path, where)))
                .OrderByDescending(d => d.Modified)
                .ThenBy(d => d.Path, StringComparer.Ordinal)
                .ToList();
            item = dated[0].Path;
            var listed = string.Join(", ", dated.Select(d => $"{d.Path} modified {When(d.Modified)}"));
            notes.Add($"{where}: {items.Count} items match ({listed}); used the most recently modified, {item}. Delete the stale ones (for example in Seahorse) so every tool reads the same login.");
        }

        if (passedOver.Count > 0)
        {
            notes.Add($"{where}: {passedOver.Count} more matching item{(passedOver.Count == 1 ? "" : "s")} ({string.Join(", ", passedOver)}) {(passedOver.Count == 1 ? "is" : "are")} locked and unlocking needs a prompt, which Clawker never shows, so {(passedOver.Count == 1 ? "it was" : "they were")} not read; used {item}.");
        }

        return new KeyringItem(GetSecret(connection, item, where), notes);
    }

    private string GetSecret(Exchange connection, string item, string where)
    {
        var reply = Call(connection, item, ItemInterface, "GetSecret", GVariants.Tuple(GVariants.ObjectPath(connection.Lease.Session)), "((oayays))", where);
        try
        {
            // ((session, parameters, value, content type)): the value is child 2 of the inner struct.
            var bytes = GVariants.Child(reply, 0, secret => GVariants.Child(secret, 2, GVariants.ReadBytes));
            return GVariants.Utf8(bytes) ?? throw new CredentialException(CredentialErrorKind.InvalidSchema,
                where,
                $"{where}: the stored value is not UTF-8 text, so it cannot be a credential this library reads. Replace the item (or delete it and log in again).");
        }
        finally
        {
            Gio.g_variant_unref(reply);
        }
    }

    /// <summary>The item's <c>Modified</c> property (seconds since 1970).</summary>
    private ulong Modified(Exchange connection, string item, string where)
    {
        var reply = Call(
            connection, item, "org.freedesktop.DBus.Properties", "Get",
            GVariants.Tuple(GVariants.String(ItemInterface), GVariants.String("Modified")), "(v)", where);
        try
        {
            return GVariants.Child(reply, 0, v => GVariants.ReadVariant(v, Gio.g_variant_get_uint64));
        }
        finally
        {
            Gio.g_variant_unref(reply);
        }
    }

    private static string When(ulong seconds) => seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        ? "at an impossible time"
        : DateTimeOffset.FromUnixTimeSeconds((long)seconds).ToString("u", System.Globalization.CultureInfo.InvariantCulture);

    public void Set(string service, string user, string secret, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        using var connection = Connect(where, cancellationToken);
        var collection = ChooseCollection(connection, where);
        Unlock(connection, collection, where);

        var properties = new Dictionary<string, nint>
        {
            [ItemInterface + ".Label"] = GVariants.String($"Password for '{user}' on '{service}'"),
            [ItemInterface + ".Attributes"] = GVariants.StringDict(Attributes(service, user)),
        };
        var value = GVariants.Tuple(
            GVariants.ObjectPath(connection.Lease.Session),
            GVariants.Bytes([]),
            GVariants.Bytes(Encoding.UTF8.GetBytes(secret)),
            GVariants.String("text/plain; charset=utf8"));
        var args = GVariants.Tuple(GVariants.VariantDict(properties), value, Gio.g_variant_new_boolean(true));
        RefusePrompt(connection, Call(connection, collection, CollectionInterface, "CreateItem", args, "(oo)", where), 1, where);
    }

    public bool Delete(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        using var connection = Connect(where, cancellationToken);
        var deleted = false;
        foreach (var item in FindUnlockedItems(connection, service, user, where))
        {
            RefusePrompt(connection, Call(connection, item, ItemInterface, "Delete", 0, "(o)", where), 0, where);
            deleted = true;
        }

        return deleted;
    }

    private static Dictionary<string, string> Attributes(string service, string user) =>
        new(StringComparer.Ordinal) { ["service"] = service, ["username"] = user };

    /// <summary>
    /// For a read: the matching items, unlocking locked ones when that needs no prompt. When some
    /// item is unlocked already, a locked one that would need a prompt is passed over (returned
    /// apart) rather than failing the read: another keyring left locked must not hide the login.
    /// </summary>
    private (List<string> Items, List<string> PassedOver) FindReadableItems(Exchange connection, string service, string user, string where)
    {
        var (unlocked, locked) = SearchItems(connection, service, user, where);
        var passedOver = new List<string>();
        var anyUnlocked = unlocked.Count > 0;
        foreach (var item in locked)
        {
            try
            {
                Unlock(connection, item, where);
                unlocked.Add(item);
            }
            catch (CredentialException e) when (e.Kind == CredentialErrorKind.Unavailable && anyUnlocked)
            {
                passedOver.Add(item);
            }
        }

        return (unlocked, passedOver);
    }

    /// <summary>The matching items, unlocking locked ones when that needs no prompt.</summary>
    private List<string> FindUnlockedItems(Exchange connection, string service, string user, string where)
    {
        var (unlocked, locked) = SearchItems(connection, service, user, where);
        foreach (var item in locked)
        {
            Unlock(connection, item, where);
            unlocked.Add(item);
        }

        return unlocked;
    }

    private (List<string> Unlocked, List<string> Locked) SearchItems(Exchange connection, string service, string user, string where)
    {
        var reply = Call(connection, ServicePath, ServiceInterface, "SearchItems", GVariants.Tuple(GVariants.StringDict(Attributes(service, user))), "(aoao)", where);
        List<string> unlocked, locked;
        try
        {
            unlocked = [.. GVariants.Child(reply, 0, GVariants.ReadStrings)];
            locked = [.. GVariants.Child(reply, 1, GVariants.ReadStrings)];
        }
        finally
        {
            Gio.g_variant_unref(reply);
        }

        return (unlocked, locked);
    }

    /// <summary>Unlocks <paramref name="path"/> when no prompt is needed; a prompt means the user would have to answer one: unavailable.</summary>
    private void Unlock(Exchange connection, string path, string where)
    {
        RefusePrompt(connection, Call(connection, ServicePath, ServiceInterface, "Unlock", GVariants.Tuple(GVariants.ObjectPaths([path])), "(aoo)", where), 1, where);
    }

    /// <summary>
    /// Takes <paramref name="reply"/> (and frees it). When its child at <paramref name="promptIndex"/>
    /// is a prompt, the user would have to answer one: dismiss it and report the store as locked.
    /// </summary>
    private void RefusePrompt(Exchange connection, nint reply, int promptIndex, string where)
    {
        string prompt;
        try
        {
            prompt = GVariants.Child(reply, promptIndex, GVariants.ReadString);
        }
        finally
        {
            Gio.g_variant_unref(reply);
        }

        if (prompt != NoPrompt)
        {
            Dismiss(connection, prompt);
            throw Locked(where);
        }
    }

    /// <summary>go-keyring's choice: the <c>login</c> collection when it exists, else the <c>default</c> alias.</summary>
    private string ChooseCollection(Exchange connection, string where)
    {
        var reply = Call(
            connection, ServicePath, "org.freedesktop.DBus.Properties", "Get",
            GVariants.Tuple(GVariants.String(ServiceInterface), GVariants.String("Collections")), "(v)", where);
        try
        {
            var collections = GVariants.Child(reply, 0, v => GVariants.ReadVariant(v, GVariants.ReadStrings));
            return collections.Contains(LoginCollection) ? LoginCollection : DefaultAlias;
        }
        finally
        {
            Gio.g_variant_unref(reply);
        }
    }

    private void Dismiss(Exchange connection, string prompt)
    {
        var reply = Gio.g_dbus_connection_call_sync(connection.Lease.Handle, BusName, prompt, PromptInterface, "Dismiss", 0, null, Gio.CallNoAutoStart, _timeoutMs, connection.Cancellable.Handle, out var error);
        if (reply != 0)
        {
            Gio.g_variant_unref(reply);
        }
        else
        {
            Gio.TakeError(error);
        }
    }

    private static CredentialException Locked(string where) => new(
        CredentialErrorKind.Unavailable,
        where,
        $"{where}: the keyring is locked and unlocking it needs a prompt, which Clawker never shows. Unlock the 'login' collection (log in to the desktop, or run 'gnome-keyring-daemon --unlock'), or set {KeyringOptions.BackendVariable}=none to use files only.");

    private nint Call(Exchange connection, string path, string iface, string method, nint args, string replyType, string where) =>
        Call(connection.Lease.Handle, connection.Lease, connection.Cancellable, BusName, path, iface, method, args, replyType, where);

    // lease: the pooled connection the handle belongs to, evicted when the bus fails; null while connecting.
    private nint Call(
        nint handle, ConnectionPool.Connection? lease, GioCancellable cancellable,
        string bus, string path, string iface, string method, nint args, string replyType, string where)
    {
        var reply = Gio.g_dbus_connection_call_sync(handle, bus, path, iface, method, args, replyType, Gio.CallNoAutoStart, _timeoutMs, cancellable.Handle, out var error);
        if (reply != 0)
        {
            return reply;
        }

        var (message, remote) = Gio.TakeError(error);
        // Cancelled because the caller gave up at the timeout: nobody waits for this answer, and
        // the connection is fine, so it stays pooled.
        cancellable.Token.ThrowIfCancellationRequested();
        if (remote is null || remote.StartsWith("org.freedesktop.DBus.Error.", StringComparison.Ordinal) || remote.EndsWith(".NoSession", StringComparison.Ordinal))
        {
            // The bus or the daemon went away, or forgot our session: start afresh next time.
            lease?.Evict();
        }

        throw new CredentialException(CredentialErrorKind.Unavailable,
            where,
            $"{where}: the Secret Service call {iface}.{method} failed: {message}. Check that a Secret Service (gnome-keyring, KeePassXC) is running and unlocked, or set {KeyringOptions.BackendVariable}=none to use files only.");
    }

    /// <summary>A leased pooled connection and a GCancellable for this one operation; release it when done.</summary>
    private Exchange Connect(string where, CancellationToken cancellationToken)
    {
        if (_address is null)
        {
            throw new CredentialException(CredentialErrorKind.Unavailable,
                where,
                $"{where}: there is no D-Bus session bus ({BusAddressVariable} is not set), so there is no Secret Service to ask. Run inside a desktop session, or set {KeyringOptions.BackendVariable}=none to use files only.");
        }

        GioCancellable cancellable;
        try
        {
            cancellable = new GioCancellable(cancellationToken);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new CredentialException(CredentialErrorKind.Unavailable,
                where,
                $"{where}: GIO (libgio-2.0.so.0), which Clawker speaks D-Bus through, cannot be loaded ({e.GetType().Name}). Install GLib (apt: libglib2.0-0), or set {KeyringOptions.BackendVariable}=none to use files only.",
                e);
        }

        try
        {
            return new Exchange(ConnectionPool.Shared.Lease(_address, () => Open(where, cancellable)), cancellable);
        }
        catch
        {
            cancellable.Dispose();
            throw;
        }
    }

    private (nint Handle, string Session) Open(string where, GioCancellable cancellable)
    {
        var handle = Gio.g_dbus_connection_new_for_address_sync(_address!, Gio.AuthenticationClient | Gio.MessageBusConnection, 0, cancellable.Handle, out var error);
        if (handle == 0)
        {
            var (message, _) = Gio.TakeError(error);
            cancellable.Token.ThrowIfCancellationRequested();
            throw new CredentialException(CredentialErrorKind.Unavailable,
                where,
                $"{where}: cannot connect to the D-Bus session bus at {_address}: {message}. Run inside a desktop session, or set {KeyringOptions.BackendVariable}=none to use files only.");
        }

        try
        {
            // Never let D-Bus start a daemon for us: a freshly started one has no unlocked login
            // collection and would prompt. Only a daemon that is already running is used.
            var owned = Call(handle, null, cancellable, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                GVariants.Tuple(GVariants.String(BusName)), "(b)", where);
            var hasOwner = GVariants.Child(owned, 0, Gio.g_variant_get_boolean);
            Gio.g_variant_unref(owned);
            if (!hasOwner)
            {
                throw new CredentialException(CredentialErrorKind.Unavailable,
                    where,
                    $"{where}: no Secret Service is running on the session bus at {_address} (nothing owns {BusName}); Clawker does not start one. Start gnome-keyring or KeePassXC's Secret Service, or set {KeyringOptions.BackendVariable}=none to use files only.");
            }

            var session = Call(handle, null, cancellable, BusName, ServicePath, ServiceInterface, "OpenSession",
                GVariants.Tuple(GVariants.String("plain"), Gio.g_variant_new_variant(GVariants.String(""))), "(vo)", where);
            var path = GVariants.Child(session, 1, GVariants.ReadString);
            Gio.g_variant_unref(session);
            return (handle, path);
        }
        catch
        {
            Gio.g_object_unref(handle);
            throw;
        }
    }

    /// <summary>One operation's lease on the pooled connection and its cancellable, both released on dispose.</summary>
    private sealed class Exchange(ConnectionPool.Connection lease, GioCancellable cancellable) : IDisposable
    {
        public ConnectionPool.Connection Lease { get; } = lease;

        public GioCancellable Cancellable { get; } = cancellable;

        public void Dispose()
        {
            Cancellable.Dispose();
            Lease.Release();
        }
    }
}
