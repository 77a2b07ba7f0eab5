using System.Runtime.InteropServices;

namespace Clawker.Keyring.Backends;

/// <summary>
/// The few GLib/GIO functions the Secret Service client needs, from libgio-2.0.so.0 (which
/// libsecret itself is built on). Only non-varargs entry points, so P/Invoke is exact.
/// GVariantType* is a pointer to a type string, which is why type arguments are strings.
/// </summary>
internal static partial class Gio
{
    private const string Lib = "libgio-2.0.so.0";

    public const int AuthenticationClient = 1;
    public const int MessageBusConnection = 8;
    public const int CallNoAutoStart = 1;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_dbus_connection_new_for_address_sync(string address, int flags, nint observer, nint cancellable, out nint error);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_dbus_connection_call_sync(
        nint connection, string busName, string objectPath, string interfaceName, string methodName,
        nint parameters, string? replyType, int flags, int timeoutMsec, nint cancellable, out nint error);

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool g_dbus_connection_is_closed(nint connection);

    [LibraryImport(Lib)]
    public static partial nint g_dbus_error_get_remote_error(nint error);

    [LibraryImport(Lib)]
    public static partial nint g_cancellable_new();

    [LibraryImport(Lib)]
    public static partial void g_cancellable_cancel(nint cancellable);

    [LibraryImport(Lib)]
    public static partial void g_object_unref(nint obj);

    [LibraryImport(Lib)]
    public static partial void g_error_free(nint error);

    [LibraryImport(Lib)]
    public static partial void g_free(nint mem);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_variant_new_string(string value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_variant_new_object_path(string value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_new_boolean([MarshalAs(UnmanagedType.Bool)] bool value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_new_variant(nint value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_new_tuple(nint[] children, nuint count);

    [LibraryImport(Lib)]
    public static partial nint g_variant_new_dict_entry(nint key, nint value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_variant_new_array(string childType, nint[] children, nuint count);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint g_variant_new_fixed_array(string elementType, byte[] elements, nuint count, nuint elementSize);

    [LibraryImport(Lib)]
    public static partial nint g_variant_get_child_value(nint value, nuint index);

    [LibraryImport(Lib)]
    public static partial nuint g_variant_n_children(nint value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_get_string(nint value, out nuint length);

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool g_variant_get_boolean(nint value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_get_fixed_array(nint value, out nuint count, nuint elementSize);

    [LibraryImport(Lib)]
    public static partial nint g_variant_get_variant(nint value);

    [LibraryImport(Lib)]
    public static partial ulong g_variant_get_uint64(nint value);

    [LibraryImport(Lib)]
    public static partial void g_variant_unref(nint value);

    [LibraryImport(Lib)]
    public static partial nint g_variant_ref_sink(nint value);

    /// <summary>Reads and frees a GError: its message and, for D-Bus errors, the remote error name.</summary>
    public static (string Message, string? RemoteName) TakeError(nint error)
    {
        if (error == 0)
        {
            return ("unknown GIO error", null);
        }

        try
        {
            // GError is { GQuark domain; gint code; gchar *message; }: the message follows two 32-bit fields.
            var message = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error, 8)) ?? "";
            var remote = g_dbus_error_get_remote_error(error);
            string? name = null;
            if (remote != 0)
            {
                name = Marshal.PtrToStringUTF8(remote);
                g_free(remote);
            }

            return (message, name);
        }
        finally
        {
            g_error_free(error);
        }
    }
}
