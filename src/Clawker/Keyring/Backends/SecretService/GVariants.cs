using System.Runtime.InteropServices;
using System.Text;

namespace Clawker.Keyring.Backends;

/// <summary>Builds and reads the GVariant values of the Secret Service calls. Built values are floating: the call consumes them.</summary>
internal static class GVariants
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static nint Tuple(params nint[] children) => Gio.g_variant_new_tuple(children, (nuint)children.Length);

    public static nint String(string value) => Gio.g_variant_new_string(value);

    public static nint ObjectPath(string value) => Gio.g_variant_new_object_path(value);

    public static nint ObjectPaths(IEnumerable<string> paths)
    {
        var items = paths.Select(Gio.g_variant_new_object_path).ToArray();
        return Gio.g_variant_new_array("o", items, (nuint)items.Length);
    }

    public static nint Bytes(byte[] bytes) => Gio.g_variant_new_fixed_array("y", bytes, (nuint)bytes.Length, 1);

    /// <summary>An <c>a{ss}</c> dictionary.</summary>
    public static nint StringDict(IReadOnlyDictionary<string, string> values)
    {
        var entries = values.Select(kv => Gio.g_variant_new_dict_entry(String(kv.Key), String(kv.Value))).ToArray();
        return Gio.g_variant_new_array("{ss}", entries, (nuint)entries.Length);
    }

    /// <summary>An <c>a{sv}</c> dictionary; each value is wrapped in a variant.</summary>
    public static nint VariantDict(IReadOnlyDictionary<string, nint> values)
    {
        var entries = values.Select(kv => Gio.g_variant_new_dict_entry(String(kv.Key), Gio.g_variant_new_variant(kv.Value))).ToArray();
        return Gio.g_variant_new_array("{sv}", entries, (nuint)entries.Length);
    }

    /// <summary>Runs <paramref name="read"/> on child <paramref name="index"/> and releases it.</summary>
    public static T Child<T>(nint value, int index, Func<nint, T> read)
    {
        var child = Gio.g_variant_get_child_value(value, (nuint)index);
        try
        {
            return read(child);
        }
        finally
        {
            Gio.g_variant_unref(child);
        }
    }

    public static string ReadString(nint value) =>
        Marshal.PtrToStringUTF8(Gio.g_variant_get_string(value, out _)) ?? "";

    public static IReadOnlyList<string> ReadStrings(nint array)
    {
        var count = (int)Gio.g_variant_n_children(array);
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(Child(array, i, ReadString));
        }

        return result;
    }

    public static byte[] ReadBytes(nint value)
    {
        var data = Gio.g_variant_get_fixed_array(value, out var count, 1);
        var bytes = new byte[(int)count];
        if (count > 0)
        {
            Marshal.Copy(data, bytes, 0, bytes.Length);
        }

        return bytes;
    }

    public static T ReadVariant<T>(nint value, Func<nint, T> read)
    {
        var inner = Gio.g_variant_get_variant(value);
        try
        {
            return read(inner);
        }
        finally
        {
            Gio.g_variant_unref(inner);
        }
    }

    /// <summary>The bytes as UTF-8 text, or <see langword="null"/> when they are not UTF-8 (the decoder's error would quote them).</summary>
    public static string? Utf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
